import { useEffect, useRef, useState } from 'react';
import { useLocation } from '../app/router';

/**
 * A panel opened from a button (the sync panel, the "More" sheet): open on the screen it was
 * opened on (another screen closes it, no effect needed); Escape closes it and gives the focus
 * back to its button; a tap outside `root` closes it.
 */
export function usePopover<R extends HTMLElement, B extends HTMLElement>() {
  const location = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const setOpen = (next: boolean | ((was: boolean) => boolean)) =>
    setOpenOn((typeof next === 'function' ? next(open) : next) ? location.pathname : null);
  const root = useRef<R>(null);
  const trigger = useRef<B>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      trigger.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return { open, setOpen, root, trigger, location };
}
