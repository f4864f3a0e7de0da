import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError, type Resource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { Membership, Role } from "../../lib/types";
import { InviteSection } from "./InviteSection";

export function MembersSection({ projectId, members, isManager }: { projectId: number; members: Resource<Membership[]>; isManager: boolean }) {
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("annotator");
  const [error, setError] = useState<ApiError | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.addMember(projectId, username.trim(), role);
      setUsername("");
      setError(null);
      await members.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const remove = async (m: Membership) => {
    if (!window.confirm(`Remove ${m.user.username} from the project?`)) return;
    try {
      await api.removeMember(projectId, m.id);
      await members.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <section data-testid="members-section">
      <h2>Members</h2>
      <ErrorLine error={members.error} />
      <ul className="plain-list" data-testid="member-list">
        {(members.data ?? []).map((m) => (
          <li key={m.id} data-testid={`member-${m.user.username}`}>
            <span>{m.user.username}</span> <span className={`badge role-${m.role}`}>{m.role}</span>
            {isManager ? (
              <button className="link" onClick={() => void remove(m)} title="Remove member">
                remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {isManager ? (
        <form className="inline-form" onSubmit={add} data-testid="add-member-form">
          <input placeholder="username" aria-label="Username of the member to add" value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="member-username" />
          <select aria-label="Role of the member to add" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="member-role">
            <option value="annotator">annotator</option>
            <option value="reviewer">reviewer</option>
            <option value="manager">manager</option>
          </select>
          <button type="submit" data-testid="add-member">
            Add member
          </button>
          <ErrorLine error={error} />
        </form>
      ) : null}
      {isManager ? <InviteSection projectId={projectId} onMembersChanged={members.reload} /> : null}
    </section>
  );
}
