import { h } from '../dom.js';

/**
 * The sign-in form: the token is pasted, as `npm start` prints one per role. `onToken` checks it and answers why it
 * was refused, or null once signed in.
 */
export function signInView(onToken: (token: string) => Promise<string | null>, refusal?: string): HTMLElement {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOiJIUzI1NiJ9...', required: true });
  const message = h('p', { class: 'sign-in-error', role: 'alert' }, refusal ?? '');
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Customs Pulse'),
    h('p', {}, 'Operations centre: live KPIs of the WCO Performance Measurement Mechanism and Time Release Study.'),
    h('label', { for: 'token' }, 'Access token (JWT)'),
    input,
    h('p', { class: 'hint' }, 'npm start prints a demo token for each role. The token stays in this tab only.'),
    button,
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = '';
    void onToken(input.value.trim()).then((problem) => {
      button.disabled = false;
      if (problem !== null) message.textContent = problem;
    });
  });
  return h('main', { class: 'sign-in-page' }, form);
}
