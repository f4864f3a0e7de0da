import { useEffect, useRef, useState } from "react";
import { actionFor, type Action } from "../lib/shortcuts";

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName.toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || el.isContentEditable;
}

/** Leave a text field for the frame's canvas (focusable from script only), so the next key is a shortcut. */
function focusCanvas(field: HTMLElement) {
  field.blur();
  const canvas = document.querySelector<HTMLElement>("[data-testid=canvas]");
  if (!canvas) return;
  if (!canvas.hasAttribute("tabindex")) canvas.setAttribute("tabindex", "-1");
  canvas.focus({ preventScroll: true });
}

/**
 * Window-wide shortcuts (ignored while typing, except Escape); also tracks a held Space for
 * panning. Space pressed and released without dragging in between is the `playPause` action.
 */
export function useShortcuts(handlers: Partial<Record<Action, () => void>>) {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [spaceHeld, setSpaceHeld] = useState(false);

  useEffect(() => {
    // Space is down (not typed into a field) and no pointer was pressed since: a tap so far
    let spaceTap = false;
    const down = (e: KeyboardEvent) => {
      const typing = typingInto(e.target);
      if (e.key === " " && !typing) {
        e.preventDefault();
        if (!e.repeat) spaceTap = true;
        setSpaceHeld(true);
        return;
      }
      if (typing && e.key !== "Escape") return;
      if (typing) focusCanvas(e.target as HTMLElement); // Escape leaves the field: shortcuts work again
      const action = actionFor(e);
      if (!action) return;
      const fn = ref.current[action];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    const up = (e: KeyboardEvent) => {
      if (e.key !== " ") return;
      setSpaceHeld(false);
      if (spaceTap && !typingInto(e.target)) {
        e.preventDefault();
        ref.current.playPause?.();
      }
      spaceTap = false;
    };
    const pointer = () => {
      spaceTap = false; // Space held while dragging pans: not a tap
    };
    const blur = () => {
      spaceTap = false;
      setSpaceHeld(false);
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("pointerdown", pointer, true);
    window.addEventListener("blur", blur);
    return () => {
      window.removeEventListener("pointerdown", pointer, true);
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
      window.removeEventListener("blur", blur);
    };
  }, []);

  return spaceHeld;
}
