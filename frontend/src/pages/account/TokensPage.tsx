/** Your API tokens (GET/POST/DELETE /api/auth/tokens/): see when each was made, expires and was
 * last used, make one for a script or the CLI (its key is shown once), revoke one or all. */
import { useState, type FormEvent } from "react";
import { ErrorLine, ErrorPage, Loading } from "../../components/ErrorPage";
import { asApiError, useResource } from "../../hooks";
import type { ApiError } from "../../lib/api";
import { api } from "../../lib/endpoints";
import type { ApiToken, NewToken } from "../../lib/types";

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

export function TokensPage() {
  const tokens = useResource(() => api.tokens(), []);
  const [name, setName] = useState("");
  const [made, setMade] = useState<NewToken | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const act = async (action: () => Promise<unknown>) => {
    try {
      setError(null);
      await action();
      await tokens.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setMade(await api.createToken(name.trim()));
      setName("");
    });
  };
  const revoke = (t: ApiToken) => {
    if (t.current && !window.confirm("This is the token of this session: revoke it anyway?")) return;
    void act(() => api.revokeToken(t.id));
  };
  const revokeAll = () => {
    if (!window.confirm("Revoke every API token? Scripts and the CLI must log in again.")) return;
    void act(() => api.revokeAllTokens());
  };

  if (tokens.error && !tokens.data) return <ErrorPage error={tokens.error} />;
  if (!tokens.data) return <Loading what="Loading your tokens" />;
  return (
    <div className="page" data-testid="tokens-page">
      <h1>API tokens</h1>
      <p className="muted">
        Scripts, the SDK and the <code>masklet</code> command line send a token as <code>Authorization: Token …</code>. Only a
        digest of each token is stored: a token's key is shown once, when it is made.
      </p>
      <form className="inline-form" onSubmit={create} data-testid="token-form">
        <label>
          Token name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="e.g. laptop CLI" data-testid="token-name" />
        </label>
        <button type="submit" className="primary" data-testid="create-token">
          Create token
        </button>
      </form>
      {made ? (
        <div className="card" role="status" data-testid="new-token">
          <p>
            New token <strong>{made.name}</strong>, valid until {when(made.expiry)}. Copy it now: it will not be shown again.
          </p>
          <label>
            Key <input readOnly value={made.token} size={70} data-testid="new-token-key" onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      ) : null}
      <ErrorLine error={error} />
      {tokens.data.length === 0 ? (
        <p className="muted" data-testid="no-tokens">
          You have no API tokens.
        </p>
      ) : (
        <table className="table" data-testid="token-table">
          <caption className="muted">Your tokens, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id} data-testid={`token-row-${t.id}`}>
                <td>
                  {t.name || "(unnamed)"} {t.current ? <span className="badge">this session</span> : null}
                </td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{when(t.created)}</td>
                <td>{t.expiry ? when(t.expiry) : "does not expire"}</td>
                <td>{when(t.last_used)}</td>
                <td>
                  <button className="link" onClick={() => revoke(t)} aria-label={`Revoke token ${t.name || t.prefix}`} data-testid={`revoke-token-${t.id}`}>
                    revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tokens.data.length > 0 ? (
        <p>
          <button onClick={revokeAll} data-testid="revoke-all-tokens">
            Revoke all tokens
          </button>
        </p>
      ) : null}
    </div>
  );
}
