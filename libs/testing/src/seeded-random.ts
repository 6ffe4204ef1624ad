// The simulator's PRNG: one seedable generator in the repository, so that a test and a simulated run draw alike.
export { SeededRandom } from '@customs-pulse/simulation/random';
