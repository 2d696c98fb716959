import { Api } from '../../src/demo/api-client';
import { typedClient } from './inject-fetch';
import { TestApp } from './test-app';

/** The demo seeder's Api over supertest, so tests build the same world through the same HTTP calls. */
export function supertestApi(sut: TestApp): Api {
  return {
    client: typedClient(sut.app),
    async call(method, path, token, body, headers = {}) {
      let req = sut.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      const res = body !== undefined ? await req.send(body as object) : await req;
      return { status: res.status, body: res.body, headers: res.headers };
    },
    async upload(path, token, fileName, bytes) {
      const res = await sut.http().post(path).set('Authorization', `Bearer ${token}`).attach('file', bytes, fileName);
      return { status: res.status, body: res.body, headers: res.headers };
    },
  };
}
