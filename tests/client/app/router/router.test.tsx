// @vitest-environment jsdom
import { act, Suspense, use, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserRouter, Link, Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate, useParams, useSearchParams, type Location } from '../../../../src/client/app/router';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLDivElement;
let location: Location | null = null;

function Probe() {
  location = useLocation();
  return null;
}

function Layout() {
  return (
    <>
      <nav>
        <NavLink to="/" end className="brand">
          home
        </NavLink>
        <NavLink to="/records">records</NavLink>
        <Link to="/records" state={{ saved: 'r1' }}>
          to records
        </Link>
      </nav>
      <Probe />
      <main>
        <Outlet />
      </main>
    </>
  );
}

function Record() {
  const { id } = useParams();
  return <p>record {id}</p>;
}

function Year() {
  const [params, setParams] = useSearchParams();
  return (
    <>
      <p>year {params.get('year') ?? 'none'}</p>
      <button type="button" onClick={() => setParams({ year: '2025' })}>
        push
      </button>
      <button type="button" onClick={() => setParams((prev) => (prev.set('year', '2026'), prev), { replace: true })}>
        replace
      </button>
    </>
  );
}

let slow: Promise<void> = new Promise(() => undefined);
function Slow() {
  use(slow);
  return <p>slow screen</p>;
}

function Go() {
  const navigate = useNavigate();
  const [, rerender] = useState(0);
  return (
    <button type="button" onClick={() => (navigate('/slow'), rerender((n) => n + 1))}>
      go slow
    </button>
  );
}

function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p>loading</p>}>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Go />} />
            <Route path="records" element={<p>records screen</p>} />
            <Route path="records/:id" element={<Record />} />
            <Route path="old" element={<Navigate to="/records" replace state={{ from: 'old' }} />} />
            <Route path="year" element={<Year />} />
            <Route path="slow" element={<Slow />} />
            <Route path="*" element={<p>not found</p>} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

async function open(path: string, state: unknown = null): Promise<void> {
  window.history.replaceState(state, '', path);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root!.render(<App />));
}

const text = () => container.querySelector('main')!.textContent;
const link = (name: string) => [...container.querySelectorAll('a')].find((a) => a.textContent === name)!;
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;
const entry = () => window.history.state as { usr: unknown; key: string; idx: number };

/** Whether the router took the click (prevented the browser's own follow of the link). */
async function click(el: Element, init: MouseEventInit = {}): Promise<{ taken: boolean }> {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
  let taken = false;
  // Read after React's handler, then stop jsdom (which cannot load another document) from following it.
  const after = (e: Event) => ((taken = e.defaultPrevented), e.preventDefault());
  window.addEventListener('click', after, { once: true });
  await act(async () => el.dispatchEvent(event));
  return { taken };
}

beforeEach(() => {
  location = null;
});
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  container.remove();
});

describe('the router', () => {
  it('numbers the entry it opens on (react-router idx 0), its key "default"', async () => {
    await open('/records/a1');
    expect(text()).toBe('record a1');
    expect(entry()).toEqual({ idx: 0 });
    expect(location).toMatchObject({ pathname: '/records/a1', search: '', hash: '', state: null, key: 'default' });
  });

  it('keeps the state of an entry react-router wrote', async () => {
    await open('/records', { usr: { saved: 'r9' }, key: 'abcd1234', idx: 3 });
    expect(location).toMatchObject({ state: { saved: 'r9' }, key: 'abcd1234' });
    await click(link('to records'));
    expect(entry().idx).toBe(3); // a link to the page shown replaces it
  });

  it('marks the NavLink of the current section active, "/" only on itself', async () => {
    await open('/records/a1');
    expect(link('records').className).toBe('active');
    expect(link('records').getAttribute('aria-current')).toBe('page');
    expect(link('home').className).toBe('brand');
    expect(link('home').hasAttribute('aria-current')).toBe(false);
  });

  it('pushes {usr, key, idx} on a plain click, and leaves other clicks to the browser', async () => {
    await open('/');
    expect(link('home').className).toBe('brand active');
    const length = window.history.length;
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }]) {
      expect((await click(link('to records'), init)).taken).toBe(false);
    }
    expect(window.location.pathname).toBe('/');

    expect((await click(link('to records'))).taken).toBe(true);
    expect(text()).toBe('records screen');
    expect(window.history.length).toBe(length + 1);
    expect(entry()).toEqual({ usr: { saved: 'r1' }, key: expect.stringMatching(/^[0-9a-z]{1,8}$/), idx: 1 });
    expect(location).toMatchObject({ pathname: '/records', state: { saved: 'r1' }, key: entry().key });
  });

  it('follows back and forward (popstate)', async () => {
    await open('/');
    await click(link('to records'));
    const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    await act(async () => {
      window.history.back();
      await popped;
    });
    expect(window.location.pathname).toBe('/');
    expect(location).toMatchObject({ pathname: '/', state: null, key: 'default' });
    expect(container.querySelector('main button')?.textContent).toBe('go slow');
  });

  it('Navigate replaces the entry, with its state', async () => {
    await open('/old');
    const length = window.history.length;
    expect(text()).toBe('records screen');
    expect(window.history.length).toBe(length);
    expect(entry()).toMatchObject({ usr: { from: 'old' }, idx: 0 });
  });

  it('useSearchParams: the setter pushes a new query on this page, or replaces it', async () => {
    await open('/year');
    expect(text()).toContain('year none');
    await click(button('push'));
    expect(`${window.location.pathname}${window.location.search}`).toBe('/year?year=2025');
    expect(text()).toContain('year 2025');
    expect(entry().idx).toBe(1);
    await click(button('replace'));
    expect(window.location.search).toBe('?year=2026');
    expect(entry().idx).toBe(1);
  });

  it('shows another screen from its top; a new query on the same screen keeps the place', async () => {
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    try {
      await open('/year');
      await click(button('push'));
      expect(text()).toContain('year 2025');
      expect(scrollTo).not.toHaveBeenCalled();
      await click(link('records'));
      expect(text()).toBe('records screen');
      expect(scrollTo).toHaveBeenCalledTimes(1);
      expect(scrollTo).toHaveBeenCalledWith(0, 0);
    } finally {
      scrollTo.mockRestore();
    }
  });

  it('renders a navigation as a transition: a suspending screen keeps the old one up, not the fallback', async () => {
    let resolve!: () => void;
    slow = new Promise((r) => (resolve = r));
    await open('/');
    await click(button('go slow'));
    expect(window.location.pathname).toBe('/slow');
    expect(container.textContent).not.toContain('loading');
    expect(text()).toBe('go slow');
    await act(async () => resolve());
    expect(text()).toBe('slow screen');
  });

  it('shows the catch-all for an unknown path', async () => {
    await open('/nowhere/at/all');
    expect(text()).toBe('not found');
  });
});
