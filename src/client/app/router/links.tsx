import { useEffect, type AnchorHTMLAttributes, type MouseEvent, type Ref } from 'react';
import { useLocation, useNavigate } from './context';
import { createPath, resolvePath, type To } from './path';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: To;
  replace?: boolean;
  state?: unknown;
  ref?: Ref<HTMLAnchorElement>;
}

/** A click the app handles itself: the main button, no modifier, not meant for another window. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>, target: string | undefined): boolean {
  return event.button === 0 && (!target || target === '_self') && !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey);
}

/**
 * A real link (href, so it can be opened in a new tab or copied) that navigates in the app on a
 * plain click. A link to the page already shown replaces its entry instead of stacking a copy,
 * as react-router's does.
 */
export function Link({ to, replace, state, onClick, target, ...rest }: LinkProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const href = createPath(resolvePath(to, location));
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !isPlainClick(event, target)) return;
    event.preventDefault();
    navigate(to, { replace: replace ?? createPath(location) === href, state });
  };
  return <a {...rest} href={href} target={target} onClick={click} />;
}

export interface NavLinkProps extends LinkProps {
  /** active only on this very path, not below it ("/" is only ever active on "/") */
  end?: boolean;
}

/** The pathname `to` points at is the current one, or (without `end`) one of its parents. */
export function isActivePath(current: string, to: string, end: boolean): boolean {
  const here = current.toLowerCase();
  const target = to.toLowerCase();
  if (here === target) return true;
  if (end) return false;
  // react-router: "/" is a prefix of every path but is active only on itself; "/a/" as "/a".
  const cut = target !== '/' && target.endsWith('/') ? target.length - 1 : target.length;
  return here.startsWith(target) && here.charAt(cut) === '/';
}

/** A link in the app's navigation: class "active" and aria-current="page" where it points. */
export function NavLink({ end = false, className, ...props }: NavLinkProps) {
  const location = useLocation();
  const active = isActivePath(location.pathname, resolvePath(props.to, location).pathname, end);
  const classes = [className, active ? 'active' : null].filter(Boolean).join(' ');
  return <Link {...props} className={classes || undefined} aria-current={active ? 'page' : undefined} />;
}

/** Navigates once it is rendered (after the render, as react-router's: in an effect). */
export function Navigate({ to, replace, state }: { to: To; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  const path = typeof to === 'string' ? to : createPath(to);
  useEffect(() => navigate(path, { replace, state }), [navigate, path, replace, state]);
  return null;
}
