import { useEffect, useState } from "react";
import { ErrorPage, Loading } from "./components/ErrorPage";
import { Layout } from "./components/Layout";
import { AuthContext, asApiError } from "./hooks";
import type { ApiError } from "./lib/api";
import { api } from "./lib/endpoints";
import type { User } from "./lib/types";
import { HomePage } from "./pages/HomePage";
import { InvitationPage } from "./pages/account/InvitationPage";
import { PasswordPage } from "./pages/account/PasswordPage";
import { TokensPage } from "./pages/account/TokensPage";
import { LoginPage } from "./pages/LoginPage";
import { MyTasksPage } from "./pages/MyTasksPage";
import { ProjectPage } from "./pages/ProjectPage";
import { QualityPage } from "./pages/QualityPage";
import { TaskRoute } from "./pages/TaskRoute";
import { WebhooksPage } from "./pages/delivery/WebhooksPage";
import { EffortPage } from "./pages/project/EffortPage";
import { matchPath, navigate, useLocation } from "./router";
import { WorkspacePage } from "./workspace/WorkspacePage";

export function App() {
  const { pathname } = useLocation();
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [bootError, setBootError] = useState<ApiError | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .session()
      .then((s) => alive && setUser(s.user))
      .catch((e: unknown) => {
        const err = asApiError(e);
        // 401/403 just mean "not logged in"; anything else is a real failure to show
        if (alive && err.kind !== "unauthorized" && err.kind !== "forbidden") setBootError(err);
      })
      .finally(() => alive && setChecked(true));
    void api.csrf().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  const loggedIn = user !== null;
  useEffect(() => {
    if (checked && !loggedIn && !bootError && pathname !== "/login" && !isInvitation(pathname)) {
      navigate(`/login?next=${encodeURIComponent(pathname + window.location.search)}`, { replace: true });
    }
  }, [checked, loggedIn, bootError, pathname]);

  if (!checked) return <Loading what="Starting Masklet" />;
  if (bootError) return <ErrorPage error={bootError} />;

  return <AuthContext.Provider value={{ user, setUser }}>{route(pathname, user)}</AuthContext.Provider>;
}

function route(pathname: string, user: User | null) {
  if (pathname === "/login") return <LoginPage />;
  let m: Record<string, string> | null;
  if ((m = matchPath("/invitations/:key", pathname))) return <InvitationPage invitationKey={m.key} />;
  if (!user) return <Loading />;
  // A one-time password: nothing else works until it is changed (the API answers 403).
  if (pathname === "/password" || user.password_change_required) {
    return (
      <Layout>
        <PasswordPage />
      </Layout>
    );
  }
  if (pathname === "/tokens") {
    return (
      <Layout>
        <TokensPage />
      </Layout>
    );
  }
  if (pathname === "/" || pathname === "/projects" || pathname === "/projects/") {
    return (
      <Layout>
        <HomePage />
      </Layout>
    );
  }
  if (pathname === "/tasks" || pathname === "/tasks/") {
    return (
      <Layout>
        <MyTasksPage />
      </Layout>
    );
  }
  if ((m = matchPath("/projects/:id/effort", pathname)) && isId(m.id)) {
    return (
      <Layout>
        <EffortPage projectId={Number(m.id)} />
      </Layout>
    );
  }
  if ((m = matchPath("/projects/:id/quality", pathname)) && isId(m.id)) {
    return (
      <Layout>
        <QualityPage projectId={Number(m.id)} />
      </Layout>
    );
  }
  if ((m = matchPath("/projects/:id", pathname)) && isId(m.id)) {
    return (
      <Layout>
        <ProjectPage projectId={Number(m.id)} />
      </Layout>
    );
  }
  if ((m = matchPath("/projects/:id/webhooks", pathname)) && isId(m.id)) {
    return (
      <Layout>
        <WebhooksPage projectId={Number(m.id)} />
      </Layout>
    );
  }
  if ((m = matchPath("/videos/:id", pathname)) && isId(m.id)) return <WorkspacePage key={m.id} videoId={Number(m.id)} taskId={null} />;
  if ((m = matchPath("/tasks/:id", pathname)) && isId(m.id)) return <TaskRoute key={m.id} taskId={Number(m.id)} />;
  return (
    <Layout>
      <ErrorPage kind="notfound" />
    </Layout>
  );
}

function isInvitation(pathname: string): boolean {
  return matchPath("/invitations/:key", pathname) !== null;
}

function isId(s: string): boolean {
  return /^\d+$/.test(s);
}
