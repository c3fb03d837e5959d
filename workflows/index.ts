// Every workflow the kyhan worker runs. The worker bundles this module for the sandbox.
export { reportingCycle } from './reporting-cycle';
export { cycleShard } from './cycle-shard';
export { campaign } from './campaign';
