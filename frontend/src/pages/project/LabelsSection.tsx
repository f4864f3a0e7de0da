import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError, type Resource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { fallbackColor } from "../../lib/compose";
import { api } from "../../lib/endpoints";
import type { Label } from "../../lib/types";

export function LabelsSection({ projectId, labels, isManager }: { projectId: number; labels: Resource<Label[]>; isManager: boolean }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState(() => fallbackColor((labels.data?.length ?? 0) + 1));
  const [error, setError] = useState<ApiError | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.addLabel(projectId, name.trim(), color);
      setName("");
      setColor(fallbackColor((labels.data?.length ?? 0) + 2));
      setError(null);
      await labels.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <section data-testid="labels-section">
      <h2>Labels</h2>
      <ErrorLine error={labels.error} />
      <ul className="plain-list" data-testid="label-list">
        {(labels.data ?? []).map((l) => (
          <li key={l.id} data-testid={`label-${l.name}`}>
            <span className="swatch" style={{ background: l.color }} /> {l.name}
          </li>
        ))}
      </ul>
      {isManager ? (
        <form className="inline-form" onSubmit={add} data-testid="add-label-form">
          <input placeholder="label name" value={name} onChange={(e) => setName(e.target.value)} required data-testid="label-name" />
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} data-testid="label-color" />
          <button type="submit" data-testid="add-label">
            Add label
          </button>
          <ErrorLine error={error} />
        </form>
      ) : null}
    </section>
  );
}
