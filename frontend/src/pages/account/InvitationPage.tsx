/** An invitation link (/invitations/<key>): shows the project and role it invites to; a newcomer
 * chooses a username and password (the account is made and joins the project), a logged-in
 * person joins as themselves. */
import { useState, type FormEvent } from "react";
import { ErrorLine, ErrorPage, Loading } from "../../components/ErrorPage";
import { asApiError, useAuth, useResource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import { navigate } from "../../router";

export function InvitationPage({ invitationKey }: { invitationKey: string }) {
  const { user, setUser } = useAuth();
  const invitation = useResource(() => api.invitation(invitationKey), [invitationKey]);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const joined = user ? await api.acceptInvitation(invitationKey, {}) : await api.acceptInvitation(invitationKey, { username, password });
      if (!user) {
        await api.csrf();
        await api.login(username, password);
        setUser(await api.me());
      }
      navigate(`/projects/${joined.project}`, { replace: true });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (invitation.error) return <ErrorPage error={invitation.error} />;
  if (!invitation.data) return <Loading what="Opening the invitation" />;
  const inv = invitation.data;
  return (
    <div className="login-page">
      <form className="card login-card" onSubmit={accept} data-testid="invitation-form">
        <h1>Join {inv.project_name}</h1>
        <p data-testid="invitation-summary">
          {inv.invited_by ? `${inv.invited_by} invites you` : "You are invited"} to the project <strong>{inv.project_name}</strong> as{" "}
          <strong>{inv.role}</strong>. The link works once, until {new Date(inv.expires_at).toLocaleString()}.
        </p>
        {user ? (
          <p>
            You are logged in as <strong>{user.username}</strong>: accepting adds this account to the project.
          </p>
        ) : (
          <>
            <label>
              Username
              <input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={150} data-testid="invite-username" />
            </label>
            <label>
              Password
              <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} data-testid="invite-password" />
            </label>
            <p className="muted">At least 8 characters, not only digits, not a common password, not like your username.</p>
          </>
        )}
        <ErrorLine error={error} />
        <button type="submit" className="primary" disabled={busy} data-testid="accept-invitation">
          {user ? "Join the project" : "Create my account and join"}
        </button>
      </form>
    </div>
  );
}
