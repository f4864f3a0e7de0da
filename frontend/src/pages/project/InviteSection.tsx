/** Managers bring people into the project: a single-use invitation link with a role, or an
 * account with a one-time password (changed at first login). Both secrets are shown once. */
import { useState, type FormEvent } from "react";
import { ErrorLine } from "../../components/ErrorPage";
import { asApiError, useResource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { NewAccount, NewInvitation, Role } from "../../lib/types";

function RoleSelect({ id, value, onChange, testId }: { id: string; value: Role; onChange: (r: Role) => void; testId: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)} data-testid={testId}>
      <option value="annotator">annotator</option>
      <option value="reviewer">reviewer</option>
      <option value="manager">manager</option>
    </select>
  );
}

export function InviteSection({ projectId, onMembersChanged }: { projectId: number; onMembersChanged: () => Promise<void> }) {
  const pending = useResource(() => api.invitations(projectId), [projectId]);
  const [inviteRole, setInviteRole] = useState<Role>("annotator");
  const [note, setNote] = useState("");
  const [link, setLink] = useState<NewInvitation | null>(null);
  const [accountName, setAccountName] = useState("");
  const [accountRole, setAccountRole] = useState<Role>("annotator");
  const [account, setAccount] = useState<NewAccount | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setError(null);
      setLink(await api.invite(projectId, inviteRole, note.trim()));
      setNote("");
      await pending.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const revoke = async (id: number) => {
    try {
      setError(null);
      await api.revokeInvitation(projectId, id);
      await pending.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const createAccount = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setError(null);
      setAccount(await api.createAccount(projectId, accountName.trim(), accountRole));
      setAccountName("");
      await onMembersChanged();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <div data-testid="invite-section">
      <h3>Invite people</h3>
      <form className="inline-form" onSubmit={invite} data-testid="invite-form">
        <label htmlFor="invite-role">Role</label>
        <RoleSelect id="invite-role" value={inviteRole} onChange={setInviteRole} testId="invite-role" />
        <label htmlFor="invite-note">For</label>
        <input id="invite-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder="who it is for (optional)" data-testid="invite-note" />
        <button type="submit" data-testid="create-invitation">
          Create invitation link
        </button>
      </form>
      {link ? (
        <p role="status" data-testid="invitation-link">
          <label>
            Single-use link ({link.role}, until {new Date(link.expires_at).toLocaleString()}), shown once:{" "}
            <input readOnly value={link.url} size={60} data-testid="invitation-url" onFocus={(e) => e.currentTarget.select()} />
          </label>
        </p>
      ) : null}
      {(pending.data ?? []).length > 0 ? (
        <ul className="plain-list" data-testid="pending-invitations" aria-label="Pending invitations">
          {(pending.data ?? []).map((i) => (
            <li key={i.id} data-testid={`invitation-${i.id}`}>
              <span className={`badge role-${i.role}`}>{i.role}</span> <span>{i.note || "(no note)"}</span>
              <span className="muted">until {new Date(i.expires_at).toLocaleString()}</span>
              <button className="link" onClick={() => void revoke(i.id)} aria-label={`Revoke invitation ${i.note || i.id}`}>
                revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Create an account</h3>
      <form className="inline-form" onSubmit={createAccount} data-testid="create-account-form">
        <label htmlFor="account-username">Username</label>
        <input id="account-username" value={accountName} onChange={(e) => setAccountName(e.target.value)} required maxLength={150} data-testid="account-username" />
        <label htmlFor="account-role">Role</label>
        <RoleSelect id="account-role" value={accountRole} onChange={setAccountRole} testId="account-role" />
        <button type="submit" data-testid="create-account">
          Create account
        </button>
      </form>
      {account ? (
        <p role="status" data-testid="one-time-password">
          Account <strong>{account.username}</strong> created. Give them this one-time password (shown once; they choose their own at first
          login): <code>{account.one_time_password}</code>
        </p>
      ) : null}
      <ErrorLine error={error ?? pending.error} />
    </div>
  );
}
