import { useState } from "react";
import type { AttributeSpec } from "../../lib/types";

type Kind = AttributeSpec["type"];

/** A label's attributes: each listed with a remove button, and a row to add one (select options comma-separated). */
export function AttributeEditor({ label, attributes, onSave }: { label: string; attributes: AttributeSpec[]; onSave: (next: AttributeSpec[]) => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("text");
  const [options, setOptions] = useState("");
  const add = () => {
    if (!name.trim()) return;
    const opts = kind === "select" ? options.split(",").map((o) => o.trim()).filter(Boolean) : [];
    onSave([...attributes, { name: name.trim(), type: kind, options: opts }]);
    setName("");
    setOptions("");
    setKind("text");
  };
  return (
    <div className="attribute-editor" data-testid={`attributes-${label}`}>
      <ul className="plain-list">
        {attributes.map((a) => (
          <li key={a.name} data-testid={`attribute-${a.name}`}>
            {a.name} <span className="muted">({a.type}{a.type === "select" ? `: ${(a.options ?? []).join(", ")}` : ""})</span>{" "}
            <button className="link danger" onClick={() => onSave(attributes.filter((x) => x.name !== a.name))} aria-label={`Remove attribute ${a.name}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <input aria-label={`New attribute of ${label}`} placeholder="attribute" value={name} onChange={(e) => setName(e.target.value)} data-testid="attribute-name" />
        <select aria-label="Attribute type" value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="attribute-type">
          <option value="text">text</option>
          <option value="select">select</option>
          <option value="checkbox">checkbox</option>
        </select>
        {kind === "select" ? (
          <input aria-label="Options, comma-separated" placeholder="options, comma-separated" value={options} onChange={(e) => setOptions(e.target.value)} data-testid="attribute-options" />
        ) : null}
        <button type="button" onClick={add} disabled={!name.trim()} data-testid="attribute-add">
          Add attribute
        </button>
      </div>
    </div>
  );
}
