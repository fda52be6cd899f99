import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchPowerAndNetwork } from './power.js';

function setUp(initiallyOnline = true) {
  const calls: string[] = [];
  const host = { pause: (reason: string) => void calls.push(`pause:${reason}`), resume: () => void calls.push('resume') };
  const powerMonitor = new EventEmitter();
  const network = { online: initiallyOnline };
  let tick: (() => void) | undefined;
  let cleared = false;
  const periods: number[] = [];
  let live = 0;
  const stop = watchPowerAndNetwork({
    host,
    powerMonitor,
    isOnline: () => network.online,
    setInterval: (callback, ms) => {
      tick = callback;
      periods.push(ms);
      live += 1;
      return 'timer';
    },
    clearInterval: (handle) => {
      cleared = handle === 'timer';
      live -= 1;
    },
  });
  return {
    calls,
    powerMonitor,
    network,
    tick: () => tick?.(),
    stop,
    wasCleared: () => cleared,
    periods,
    liveTimers: () => live,
  };
}

describe('watchPowerAndNetwork', () => {
  it('pauses on sleep and resumes on wake', () => {
    const { calls, powerMonitor } = setUp();
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(calls).toEqual(['pause:sleep', 'resume']);
  });

  it('pauses when the network goes away and resumes when it is back, once each', () => {
    const { calls, network, tick } = setUp();
    network.online = false;
    tick();
    tick();
    network.online = true;
    tick();
    tick();
    expect(calls).toEqual(['pause:offline', 'resume']);
  });

  it('looks once a minute while online and every 5 s while offline, with one timer at a time', () => {
    const { network, tick, periods, liveTimers } = setUp();
    expect(periods).toEqual([60_000]);
    network.online = false;
    tick();
    tick();
    expect(periods).toEqual([60_000, 5_000]);
    network.online = true;
    tick();
    expect(periods).toEqual([60_000, 5_000, 60_000]);
    expect(liveTimers()).toBe(1);
  });

  it('starts paused when launched offline', () => {
    expect(setUp(false).calls).toEqual(['pause:offline']);
  });

  it('does not resume on wake while still offline, but as soon as the network returns', () => {
    const { calls, powerMonitor, network, tick } = setUp();
    powerMonitor.emit('suspend');
    network.online = false;
    powerMonitor.emit('resume');
    expect(calls).toEqual(['pause:sleep', 'pause:offline']);
    network.online = true;
    tick();
    expect(calls).toEqual(['pause:sleep', 'pause:offline', 'resume']);
  });

  it('stops listening and polling when stopped', () => {
    const { calls, powerMonitor, stop, wasCleared } = setUp();
    stop();
    powerMonitor.emit('suspend');
    expect(calls).toEqual([]);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
    expect(wasCleared()).toBe(true);
  });
});
