import { type IncidentPlan } from '../incidents/incident-plan.js';
import { type SimulatedEvent } from '../events/simulated-event.js';

/** What the simulation has on its agenda: an event to send, the next declaration to create, an incident to start. */
export type AgendaItem =
  | { readonly kind: 'send'; readonly event: SimulatedEvent }
  | { readonly kind: 'next-declaration' }
  | { readonly kind: 'incident'; readonly plan: IncidentPlan };
