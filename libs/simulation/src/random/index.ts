// The simulator's PRNG and draws alone, for code that wants them without the simulator and its Kafka sink.
export { SeededRandom } from './seeded-random.js';
export { drawWeighted, type Weights, WeightedTable } from './weighted.js';
