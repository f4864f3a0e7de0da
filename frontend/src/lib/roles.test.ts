import { describe, expect, it } from "vitest";
import { initialWorkspaceState, workspaceReducer } from "../workspace/state";
import { isPendingConceptMasklet, isPendingProposal, pickableRoles, type BackendStatus, type Masklet } from "./types";

type RoleRow = BackendStatus["roles"][number];

function role(name: RoleRow["role"], model: string | null, served = true): RoleRow {
  return { role: name, description: "", model, models: model ? [model] : [], interactive_workers: [], batch_workers: served ? ["w"] : [], served };
}

function status(roles: RoleRow[]): BackendStatus {
  return { backend: "sam2", backend_label: "SAM 2", version: "1", queues: [], roles };
}

describe("model roles", () => {
  it("offers a choice only when the rapid and accurate roles name two models", () => {
    expect(pickableRoles(null)).toEqual([]);
    expect(pickableRoles(status([role("rapid", null), role("accurate", null), role("concept", "sam3")]))).toEqual([]);
    expect(pickableRoles(status([role("rapid", "sam2"), role("accurate", "sam2"), role("concept", null)]))).toEqual([]);
    const two = pickableRoles(status([role("rapid", "edgetam"), role("accurate", "sam2", false), role("concept", "sam3")]));
    expect(two.map((r) => [r.role, r.model, r.served])).toEqual([
      ["rapid", "edgetam", true],
      ["accurate", "sam2", false],
    ]);
  });

  it("keeps the picked role in the workspace state", () => {
    const s = initialWorkspaceState({ frameCount: 10, frame: 0, currentLabel: null });
    expect(s.modelRole).toBeNull();
    const picked = workspaceReducer(s, { type: "setModelRole", role: "rapid" });
    expect(picked.modelRole).toBe("rapid");
    expect(workspaceReducer(picked, { type: "setModelRole", role: null }).modelRole).toBeNull();
  });

  it("tells concept proposals from automatic ones", () => {
    const m = (origin: Masklet["origin"], status: Masklet["status"]) => ({ origin, status }) as Masklet;
    expect(isPendingConceptMasklet(m("concept", "needs_verification"))).toBe(true);
    expect(isPendingConceptMasklet(m("auto", "needs_verification"))).toBe(false);
    expect(isPendingProposal(m("auto", "needs_verification"))).toBe(true);
    expect(isPendingProposal(m("concept", "draft"))).toBe(false);
  });
});
