import { TestApp, startTestApp } from './support/test-app';

/** Issue 14: the web application replaces the old read-only viewer; its addresses lead to the home page. */
describe('The old viewer’s addresses (/ui/)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('every /ui address is a permanent redirect to the home page, which asks a visitor to sign in', async () => {
    for (const path of ['/ui', '/ui/', '/ui/app.js', '/ui/#token=abc']) {
      const res = await sut.http().get(path).expect(301);
      expect(res.headers.location).toBe('/');
    }
    expect((await sut.http().get('/').expect(303)).headers.location).toBe('/sign-in');
  });

  it('no page of the old viewer, its script or a token field is served any more', async () => {
    const res = await sut.http().get('/ui/').redirects(1);
    expect(res.text).not.toMatch(/app\.js|sessionStorage|bearer token/i);
  });

  it('leaves the API as it was', async () => {
    await sut.http().get('/api/v1/cases').expect(401);
  });
});
