import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { branchesOf, matchPath, rank, Route, routesFrom } from '../../../../src/client/app/router/match';

/** The app's route table (App.tsx), its elements replaced by names. */
const table = h(
  Route,
  { element: 'layout' },
  h(Route, { index: true, element: 'today' }),
  h(Route, { path: '*', element: 'not-found' }),
  h(Route, { path: 'consultations', element: 'consultations' }),
  h(Route, { path: 'consultations/:id', element: 'consultation' }),
  h(Route, { path: 'reports/:kind', element: 'report-kind' }),
  h(Route, { path: 'reports/annual', element: 'annual' }),
  h(Route, { path: 'reports', element: 'reports' }),
);
const ranked = rank(branchesOf(routesFrom(table)));
const shown = (pathname: string) => matchPath(ranked, pathname)?.routes.map((r) => r.element);

describe('route matching', () => {
  it('shows the index route on the layout own path, inside the layout', () => {
    expect(shown('/')).toEqual(['layout', 'today']);
  });

  it('reads :param segments, decoded', () => {
    expect(shown('/consultations/abc')).toEqual(['layout', 'consultation']);
    expect(matchPath(ranked, '/consultations/a%20b')?.params).toEqual({ id: 'a b' });
    expect(shown('/consultations')).toEqual(['layout', 'consultations']);
  });

  it('ranks a named segment over a :param, whatever the order they are declared in', () => {
    expect(shown('/reports/annual')).toEqual(['layout', 'annual']);
    expect(matchPath(ranked, '/reports/monthly')?.params).toEqual({ kind: 'monthly' });
  });

  it('sends anything else to the * route, with the rest of the path as params["*"]', () => {
    expect(shown('/nope')).toEqual(['layout', 'not-found']);
    expect(matchPath(ranked, '/consultations/a/b')?.params).toEqual({ '*': 'consultations/a/b' });
  });

  it('ignores case and a trailing slash, as react-router', () => {
    expect(shown('/Consultations/')).toEqual(['layout', 'consultations']);
  });

  it('matches nothing without a catch-all, and never a pathless layout on its own', () => {
    const bare = rank(branchesOf(routesFrom(h(Route, { element: 'layout' }, h(Route, { path: 'a', element: 'a' })))));
    expect(matchPath(bare, '/')).toBeNull();
    expect(matchPath(bare, '/a')?.routes.map((r) => r.element)).toEqual(['layout', 'a']);
  });
});
