/** Time as a port, so expiry and retry logic can be tested with a clock of our own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
