import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, startTestApp } from './support/test-app';

describe('The read-only web interface (/ui/)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('redirects /ui to /ui/ (and leaves / to the new web pages)', async () => {
    const res = await sut.http().get('/ui').expect(302);
    expect(res.headers.location).toBe('/ui/');
    expect((await sut.http().get('/').expect(303)).headers.location).toBe('/sign-in');
  });

  it('serves the page as HTML with a strict CSP, in the three languages, without a token', async () => {
    const res = await sut.http().get('/ui/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    for (const language of ['Қазақша', 'Русский', 'English']) expect(res.text).toContain(language);
    // Nothing inline, nothing from elsewhere: only its own script and style.
    expect(res.text).toContain('<script src="/ui/app.js" defer></script>');
    expect(res.text).not.toMatch(/<script>|<style|\son[a-z]+=|https?:\/\//);
  });

  it('serves the script as JavaScript and the style as CSS', async () => {
    const js = await sut.http().get('/ui/app.js').expect(200);
    expect(js.headers['content-type']).toMatch(/^application\/javascript/);
    expect(js.headers['content-security-policy']).toContain("script-src 'self'");
    expect(js.text).toContain("timeZone: 'Asia/Almaty'");
    const css = await sut.http().get('/ui/app.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('puts data into the page only as text, never as HTML', () => {
    const source = readFileSync(join(__dirname, '..', 'src', 'web-ui', 'assets', 'app.js'), 'utf8');
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('leaves the API and its 404s as they were', async () => {
    const res = await sut.http().get('/ui/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    await sut.http().get('/api/v1/cases').expect(401);
  });
});
