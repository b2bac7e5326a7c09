"use client";
import { useEffect, useState, type RefObject } from "react";

/** The height of an element while it is position: sticky (the toolbar, on wide screens), else 0. */
export function useStickyHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(getComputedStyle(el).position === "sticky" ? el.offsetHeight : 0);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, [ref]);
  return height;
}
