import { pickableRoles, type BackendStatus, type ModelRole } from "../lib/types";
import { useWorkspace } from "./context";
import type { ClickAnswerer } from "./useEditing";

/**
 * Which model answers my clicks, propagations and automatic masklets: a role the operator mapped
 * (rapid, accurate), offered when the roles name more than one model; and which model answered my
 * last click (its provenance label in the tooltip).
 */
export function ModelPicker({ backend, answeredBy }: { backend: BackendStatus | null; answeredBy: ClickAnswerer | null }) {
  const { state, dispatch } = useWorkspace();
  const roles = pickableRoles(backend);
  return (
    <span className="model-picker" data-testid="model-picker">
      {roles.length > 0 ? (
        <select
          value={state.modelRole ?? ""}
          onChange={(e) => dispatch({ type: "setModelRole", role: (e.target.value || null) as ModelRole | null })}
          title="model for clicks, propagation and automatic masklets"
          data-testid="model-role"
        >
          <option value="">project default</option>
          {roles.map((r) => (
            <option key={r.role} value={r.role} disabled={!r.served}>
              {r.role} · {r.model}
              {r.served ? "" : " (no worker)"}
            </option>
          ))}
        </select>
      ) : null}
      {answeredBy ? (
        <span className="muted" title={answeredBy.label} data-testid="answered-by">
          answered by {answeredBy.model}
        </span>
      ) : null}
    </span>
  );
}
