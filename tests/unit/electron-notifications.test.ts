// Notifications that open their story, and the renderer's badge count (main's badge: electron-taskbar-badge.test.ts).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { showNotification } from '../../electron/main/notifications.ts';
import { badgeCount } from '../../renderer/src/lib/badge-count.ts';

function notificationClass(supported = true) {
  const shown: Array<EventEmitter & { options: unknown }> = [];
  class Fake extends EventEmitter {
    static isSupported = () => supported;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      shown.push(this);
    }
  }
  return { Fake, shown };
}

describe('showNotification', () => {
  it('shows it, and a click opens its story', () => {
    const { Fake, shown } = notificationClass();
    const openStory = vi.fn();
    showNotification(Fake, { title: 'Assigned', body: 'Bridge reopens', storyId: 's1' }, openStory);
    expect(shown[0].options).toEqual({ title: 'Assigned', body: 'Bridge reopens' });
    shown[0].emit('click');
    expect(openStory).toHaveBeenCalledWith('s1');
  });

  it('one about no story opens nothing; nothing is shown where notifications are unsupported', () => {
    const { Fake, shown } = notificationClass();
    showNotification(Fake, { title: 't', body: 'b', storyId: null }, vi.fn());
    expect(shown[0].listenerCount('click')).toBe(0);
    const unsupported = notificationClass(false);
    showNotification(unsupported.Fake, { title: 't', body: 'b', storyId: 's1' }, vi.fn());
    expect(unsupported.shown).toEqual([]);
  });
});

describe('badge', () => {
  const story = (status: 'draft' | 'submitted' | 'approved', spiked = false) => ({ status, sentBack: null, changedSinceApproval: false, spiked });

  it('for those who approve: the stories waiting for review', () => {
    const stories = [story('submitted'), story('submitted'), story('draft'), story('submitted', true), story('approved')];
    expect(badgeCount('editor', stories, 5)).toBe(2);
  });

  it('for everyone else: the stories with unsent work on this computer', () => {
    expect(badgeCount('reporter', [story('submitted')], 3)).toBe(3);
    expect(badgeCount('reporter', [], 0)).toBe(0);
  });
});
