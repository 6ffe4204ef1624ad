import './styles/dashboard.css';
import { ApiClient, ApiError } from './api/api-client.js';
import { dashboardPage } from './dashboard-page.js';
import { forgetToken, storedToken, storeToken } from './session/session-token.js';
import { signInView } from './session/sign-in-view.js';

const root = document.getElementById('app') ?? document.body;

/** Signs in with `token`: opens the page once the API accepts it, or answers why it did not. */
async function signIn(token: string): Promise<string | null> {
  const api = new ApiClient(token);
  try {
    const catalogue = await api.kpis();
    storeToken(token);
    root.replaceChildren(dashboardPage(token, api, catalogue, signOut));
    return null;
  } catch (error) {
    return refusal(error);
  }
}

function signOut(): void {
  forgetToken();
  root.replaceChildren(signInView(signIn));
}

function refusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'This token is not valid here: expired, mistyped, or from an earlier run of the server.';
  if (error instanceof ApiError && error.status === 403) return 'This token may not read KPIs: it needs the role operator, risk or auditor.';
  return `The server could not be reached: ${(error as Error).message}`;
}

const token = storedToken();
if (token === null) root.replaceChildren(signInView(signIn));
else {
  const problem = await signIn(token);
  if (problem !== null) {
    forgetToken();
    root.replaceChildren(signInView(signIn, problem));
  }
}
