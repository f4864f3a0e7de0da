import { useCallback } from "react";
import { asApiError } from "../hooks";
import { api } from "../lib/endpoints";
import type { MaskletPatch } from "../lib/types";
import type { WorkspaceContextValue } from "./context";
import type { WorkspaceData } from "./useWorkspaceData";
import type { Say } from "./useWorkspaceState";

export type MaskletActions = ReturnType<typeof useMaskletActions>;

/** Objects (masklets): create, delete, change, step through, and accept or discard proposals. */
export function useMaskletActions(ws: WorkspaceContextValue, data: WorkspaceData, say: Say) {
  const { state, dispatch, video, labels, masklets, ordered, selectedMasklet } = ws;
  const { masks, editing, timeline } = data;
  const resource = data.masklets;
  const { selected, frame, currentLabel } = state;

  const create = useCallback(async (): Promise<number | null> => {
    try {
      const m = await api.createMasklet(video.id, currentLabel);
      resource.setData((old) => [...(old ?? []).filter((x) => x.id !== m.id), m]);
      dispatch({ type: "select", masklet: m.id });
      return m.id;
    } catch (e) {
      say(asApiError(e).fullMessage, true);
      return null;
    }
  }, [video.id, currentLabel, resource, dispatch, say]);

  /** The selected masklet, or a new one when none is selected (the first click starts an object). */
  const ensure = useCallback(async () => selected ?? (await create()), [selected, create]);

  const remove = useCallback(
    async (id: number) => {
      const m = masklets.find((x) => x.id === id);
      if (!window.confirm(`Delete object #${m?.number ?? id} and all its masks?`)) return;
      try {
        await api.deleteMasklet(id);
        resource.setData((old) => (old ?? []).filter((x) => x.id !== id));
        masks.store.removeMasklet(id);
        masks.bump();
        editing.forgetMasklet(id);
        timeline.removeRow(id);
        dispatch({ type: "forget", masklet: id });
      } catch (e) {
        say(asApiError(e).fullMessage, true);
      }
    },
    [masklets, resource, masks, editing, timeline, dispatch, say],
  );

  /** PATCH a masklet; says `done` when it worked. */
  const patch = useCallback(
    async (id: number, body: MaskletPatch, done?: string) => {
      try {
        const m = await api.patchMasklet(id, body);
        resource.setData((old) => (old ?? []).map((x) => (x.id === id ? { ...x, ...m } : x)));
        if (done) say(done);
        return true;
      } catch (e) {
        say(asApiError(e).fullMessage, true);
        return false;
      }
    },
    [resource, say],
  );

  const changeLabel = (id: number, label: number | null) => void patch(id, { label });
  const rename = (id: number, name: string) => void patch(id, { name }, "Renamed");
  const setAttribute = (id: number, name: string, value: string | boolean) => void patch(id, { attributes: { [name]: value } });

  const cycleLabel = () => {
    if (!selectedMasklet || labels.length === 0) return;
    const i = labels.findIndex((l) => l.id === selectedMasklet.label);
    void patch(selectedMasklet.id, { label: labels[(i + 1) % labels.length].id });
  };

  const step = (delta: 1 | -1) => {
    if (ordered.length === 0) return;
    const i = ordered.findIndex((m) => m.id === selected);
    const next = ordered[(i + delta + ordered.length) % ordered.length];
    dispatch({ type: "select", masklet: next.id });
    // reviewers step through objects: show each where it has a mask
    if (!timeline.hasMaskOn(next.id, frame)) {
      const f = timeline.firstFrame(next.id);
      if (f !== null) dispatch({ type: "seek", frame: f });
    }
  };

  const acceptProposals = async (ids: number[]) => {
    for (const id of ids) await patch(id, { status: "draft" });
  };

  const discardProposals = async (ids: number[]) => {
    for (const id of ids) {
      try {
        await api.deleteMasklet(id);
        resource.setData((old) => (old ?? []).filter((x) => x.id !== id));
        masks.store.removeMasklet(id);
        timeline.removeRow(id);
      } catch (e) {
        say(asApiError(e).fullMessage, true);
      }
    }
    masks.bump();
  };

  return { create, ensure, remove, patch, changeLabel, rename, setAttribute, cycleLabel, step, acceptProposals, discardProposals };
}
