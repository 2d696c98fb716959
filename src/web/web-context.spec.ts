import { RequestMethod } from '@nestjs/common';
import { isWebPath } from './web-errors';
import { localPath } from './web-context';
import { WEB_CONTROLLERS, webRouteExclusions } from './web.module';

describe(localPath.name, () => {
  it('keeps a path on this service', () => {
    expect(localPath('/')).toBe('/');
    expect(localPath('/password')).toBe('/password');
    expect(localPath('/cases/42?tab=table#row-3')).toBe('/cases/42?tab=table#row-3');
  });

  it('never sends the person to another site (no open redirect) and never back to sign-in or sign-out', () => {
    for (const hostile of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil.example', '/ /x', '\\\\evil', ' /x', 'javascript:alert(1)', '/sign-in', '/sign-in?next=/', '/sign-out', '/language']) {
      expect({ hostile, to: localPath(hostile) }).toEqual({ hostile, to: '/' });
    }
    expect(localPath(undefined, '')).toBe('');
    expect(localPath('/' + 'a'.repeat(2001))).toBe('/');
  });

  it('lets the language switch return to the sign-in page it was pressed on', () => {
    expect(localPath('/sign-in?next=%2Fpassword', '/', { allowSignIn: true })).toBe('/sign-in?next=%2Fpassword');
    expect(localPath('//evil.example', '/', { allowSignIn: true })).toBe('/');
  });
});

describe(isWebPath.name, () => {
  it('treats everything but the API, its documents and the old viewer as pages', () => {
    expect(['/', '/sign-in', '/password?x=1', '/no-such-page', '/assets/x.css', '/apis', '/uix'].every(isWebPath)).toBe(true);
    expect(['/api', '/api/v1/cases', '/api/docs', '/ui', '/ui/', '/ui/app.js'].some(isWebPath)).toBe(false);
  });
});

describe(webRouteExclusions.name, () => {
  it('takes exactly the web controllers’ routes out of the /api/v1 prefix, from their metadata', () => {
    const routes = webRouteExclusions(WEB_CONTROLLERS).map((r) => `${RequestMethod[r.method]} ${r.path}`);
    expect(routes.sort()).toEqual(
      [
        'GET /', 'GET /account', 'GET /password', 'GET /sign-in', 'POST /language', 'POST /password', 'POST /sign-in', 'POST /sign-out',
        'GET /audit', 'GET /audit/bundle-check', 'GET /audit/refused', 'GET /audit/verification',
        'GET /case/:id', 'GET /case/:id/documents/:sha256', 'GET /case/:id/export', 'GET /case/:id/replay', 'GET /case/:id/table.pdf', 'GET /case/:id/table.xlsx',
        'GET /commission/:id',
        'GET /commission/:id/forms/:form', 'POST /commission/:id/forms/:form', 'GET /new-commission', 'POST /new-commission',
        'GET /admin', 'GET /admin/accounts', 'POST /admin/accounts', 'GET /admin/accounts/:id', 'POST /admin/accounts/:id/password',
        'GET /admin/bodies', 'POST /admin/bodies', 'GET /admin/people', 'POST /admin/people',
        'GET /admin/rule-sets', 'POST /admin/rule-sets', 'POST /admin/rule-sets/:code/repeal',
        'GET /admin/catalogues', 'POST /admin/catalogues', 'POST /admin/catalogues/:code/repeal',
        'GET /calendar', 'GET /day/:date', 'POST /day/:date', 'POST /day/:date/removal', 'GET /calendar-changes', 'GET /calendar-change/:version',
        // Issue 15: the command forms, the authority's new case, the registers as XLSX.
        'GET /case/:id/forms/:form', 'POST /case/:id/forms/:form', 'POST /case/:id/upload', 'GET /new-case', 'POST /new-case',
        'GET /registers', 'GET /registers/dispatched.xlsx', 'GET /registers/transmitted.xlsx',
      ].sort(),
    );
  });

  it('keeps the pages out of the API’s paths: an exclusion matching an API route would take that route out of /api/v1', () => {
    // The API's resources (src/*/*.controller.ts, the command files): a page path never starts with one of them.
    const apiResources = ['accounts', 'audit/digests', 'audit/refusals', 'audit/verify', 'bodies', 'calendar/', 'cases', 'commissions', 'conclusions', 'cycles', 'documents', 'health', 'indicator-catalogues', 'notifications', 'people', 'problems', 'rule-sets', 'sign-in-attempts', 'webhooks'];
    for (const route of webRouteExclusions(WEB_CONTROLLERS)) {
      for (const resource of apiResources) expect({ route: route.path, clashesWith: route.path.slice(1).startsWith(resource) ? resource : null }).toEqual({ route: route.path, clashesWith: null });
    }
  });
});
