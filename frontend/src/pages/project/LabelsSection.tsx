import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError, type Resource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { fallbackColor } from "../../lib/compose";
import { api } from "../../lib/endpoints";
import type { AttributeSpec, Label } from "../../lib/types";
import { AttributeEditor } from "./AttributeEditor";

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
        {(labels.data ?? []).map((l) =>
          isManager ? (
            <LabelRow key={l.id} label={l} labels={labels} onError={setError} />
          ) : (
            <li key={l.id} data-testid={`label-${l.name}`}>
              <span className="swatch" style={{ background: l.color }} /> {l.name}
            </li>
          ),
        )}
      </ul>
      {isManager ? (
        <form className="inline-form" onSubmit={add} data-testid="add-label-form">
          <input placeholder="label name" aria-label="New label name" value={name} onChange={(e) => setName(e.target.value)} required data-testid="label-name" />
          <input type="color" aria-label="New label colour" value={color} onChange={(e) => setColor(e.target.value)} data-testid="label-color" />
          <button type="submit" data-testid="add-label">
            Add label
          </button>
          <ErrorLine error={error} />
        </form>
      ) : null}
    </section>
  );
}

/** A manager's label: rename and recolour in place, or delete (its objects keep their masks, unlabelled). */
function LabelRow({ label, labels, onError }: { label: Label; labels: Resource<Label[]>; onError: (e: ApiError | null) => void }) {
  const [name, setName] = useState(label.name);
  const save = async (body: { name?: string; color?: string; attributes?: AttributeSpec[] }) => {
    try {
      const got = await api.patchLabel(label.id, body);
      labels.setData((old) => (old ?? []).map((l) => (l.id === label.id ? got : l)));
      onError(null);
    } catch (err) {
      setName(label.name);
      onError(asApiError(err));
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the label "${label.name}"? Objects with it keep their masks and lose the label.`)) return;
    try {
      await api.deleteLabel(label.id);
      labels.setData((old) => (old ?? []).filter((l) => l.id !== label.id));
      onError(null);
    } catch (err) {
      onError(asApiError(err));
    }
  };
  return (
    <li data-testid={`label-${label.name}`} className="inline-form">
      <input type="color" aria-label={`Colour of ${label.name}`} value={label.color} onChange={(e) => void save({ color: e.target.value })} data-testid="label-edit-color" />
      <input
        aria-label={`Name of label ${label.name}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => name.trim() && name.trim() !== label.name && void save({ name: name.trim() })}
        onKeyDown={(e) => e.key === "Enter" && (e.currentTarget as HTMLInputElement).blur()}
        data-testid="label-edit-name"
      />
      <button className="link danger" onClick={() => void remove()} data-testid={`label-delete-${label.id}`} aria-label={`Delete label ${label.name}`}>
        Delete
      </button>
      <AttributeEditor label={label.name} attributes={label.attributes} onSave={(attributes) => void save({ attributes })} />
    </li>
  );
}

