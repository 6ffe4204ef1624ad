import { type CaseStateJson, type DeclarationStateJson } from '../../engine/facts-json.js';
import { caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { type CaseValues, type DeclarationValues, type SqliteCaseRow, type SqliteDeclarationRow } from './sqlite-read-model-statements.js';

/** The declaration a SQLite row holds. @throws SyntaxError when its facts are not JSON */
export function declarationOfSqliteRow(row: SqliteDeclarationRow): DeclarationStateJson {
  return declarationOfRow({ ...row, facts: JSON.parse(row.facts) });
}

/** The case a SQLite row holds. @throws SyntaxError when its facts are not JSON */
export function caseOfSqliteRow(row: SqliteCaseRow): CaseStateJson {
  return caseOfRow({ ...row, facts: JSON.parse(row.facts) });
}

/** What `upsertCase` writes for `state`: its latest event time `NULL` when it has no hot keys. */
export function caseValues({ subject, facts, hot }: CaseStateJson): CaseValues {
  return [subject, JSON.stringify(facts), hot?.lastEventAt ?? null];
}

/** What `upsertDeclaration` writes for `declaration`: hot keys `NULL` when it has none, its TRS release `NULL` when none. */
export function declarationValues({ subject, facts, hot }: DeclarationStateJson): DeclarationValues {
  const trs = hot?.trs ?? null;
  return [
    subject,
    JSON.stringify(facts),
    hot?.lastEventAt ?? null,
    hot === undefined ? null : Number(hot.open),
    hot?.releasedAt ?? null,
    trs?.releaseMs ?? null,
    trs?.office ?? null,
    trs?.transportMode ?? null,
    trs?.regime ?? null,
  ];
}
