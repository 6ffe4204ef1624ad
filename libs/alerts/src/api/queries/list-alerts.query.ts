import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { type AlertNotice, type AlertStatus } from '../../lifecycle/alert-notice.js';

import { AlertJournal } from '../../journal/alert-journal.js';

/** The alerts, newest raised first; only those with `status` when given (api.md, `GET /api/alerts`). */
export class ListAlertsQuery extends Query<AlertNotice[]> {
  constructor(readonly status: AlertStatus | undefined) {
    super();
  }
}

@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery, AlertNotice[]> {
  constructor(@Inject(AlertJournal) private readonly journal: AlertJournal) {}

  execute({ status }: ListAlertsQuery): Promise<AlertNotice[]> {
    return this.journal.alerts(status);
  }
}
