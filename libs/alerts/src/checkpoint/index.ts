export { openJudgeCheckpointStore } from './open-judge-checkpoint-store.js';
export { PostgresJudgeCheckpointStore, type PostgresJudgeCheckpointOptions } from './postgres/postgres-judge-checkpoint-store.js';
export { JUDGE_CHECKPOINT_FILE, SqliteJudgeCheckpointStore } from './sqlite/sqlite-judge-checkpoint-store.js';
