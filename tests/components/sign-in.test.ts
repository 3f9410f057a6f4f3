// The sign-in form, used by label as a screen reader user would.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SignIn from '../../renderer/src/components/SignIn.svelte';
import { control, type Control } from './dom.ts';

type OnSignIn = (server: string, username: string, password: string) => Promise<void>;

function setup(props: { serverUrl?: string; notice?: string | null; onsignin?: OnSignIn } = {}) {
  const onsignin = vi.fn<OnSignIn>(props.onsignin ?? (async () => undefined));
  render(SignIn, { serverUrl: props.serverUrl ?? 'http://127.0.0.1:4455', notice: props.notice ?? null, onsignin });
  return {
    onsignin,
    server: control(screen.getByLabelText('Server')),
    username: control(screen.getByLabelText('Username')),
    password: control(screen.getByLabelText('Password')),
    button: () => control(screen.getByRole('button', { name: /Sign(ing)? in/ })),
  };
}

const type = (field: Control, value: string) => fireEvent.input(field, { target: { value } });

describe('SignIn', () => {
  it('is a form named "Newsroom" with Server, Username and Password fields and a "Sign in" button', () => {
    const { server, username, password } = setup();
    expect(screen.getByRole('form', { name: 'Newsroom' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Newsroom' })).toBeTruthy();
    expect(control(screen.getByRole('textbox', { name: 'Server' }))).toBe(server);
    expect(control(screen.getByRole('textbox', { name: 'Username' }))).toBe(username);
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
    expect(username.autocomplete).toBe('username');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('fills the server field with the default server and focuses the username', async () => {
    const { server, username } = setup({ serverUrl: 'http://newsroom.local:4455' });
    expect(server.value).toBe('http://newsroom.local:4455');
    await waitFor(() => expect(username.ownerDocument.activeElement).toBe(username));
  });

  it('calls onsignin with what was typed', async () => {
    const { onsignin, server, username, password, button } = setup();
    await type(server, 'newsroom.example.org');
    await type(username, 'ana');
    await type(password, 'correct horse');
    await fireEvent.click(button());
    await waitFor(() => expect(onsignin).toHaveBeenCalledWith('newsroom.example.org', 'ana', 'correct horse'));
    expect(onsignin).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('submits from the keyboard (the form submit event)', async () => {
    const { onsignin, username, password } = setup();
    await type(username, 'ben');
    await type(password, 'pw');
    await fireEvent.submit(screen.getByRole('form', { name: 'Newsroom' }));
    await waitFor(() => expect(onsignin).toHaveBeenCalledWith('http://127.0.0.1:4455', 'ben', 'pw'));
  });

  it('says it is signing in, and cannot be sent twice, while waiting for the server', async () => {
    let finish!: () => void;
    const { onsignin, username, password, button } = setup({ onsignin: () => new Promise<void>((resolve) => (finish = resolve)) });
    await type(username, 'ana');
    await type(password, 'pw');
    await fireEvent.click(button());
    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(control(busy).disabled).toBe(true);
    finish();
    await screen.findByRole('button', { name: 'Sign in' });
    expect(button().disabled).toBe(false);
    expect(onsignin).toHaveBeenCalledTimes(1);
  });

  it('shows a refused sign-in as an alert, clears the password and keeps the rest', async () => {
    const { server, username, password, button } = setup({
      onsignin: async () => {
        throw new Error('wrong username or password');
      },
    });
    await type(username, 'ana');
    await type(password, 'nope');
    await fireEvent.click(button());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('wrong username or password');
    expect(password.value).toBe('');
    expect(username.value).toBe('ana');
    expect(server.value).toBe('http://127.0.0.1:4455');
    expect(button().disabled).toBe(false);
  });

  it('clears the old error when trying again', async () => {
    let attempt = 0;
    const { username, password, button } = setup({
      onsignin: async () => {
        if (attempt++ === 0) throw new Error('cannot reach the server at http://127.0.0.1:4455');
      },
    });
    await type(username, 'ana');
    await type(password, 'pw');
    await fireEvent.click(button());
    await screen.findByRole('alert');
    await type(password, 'pw');
    await fireEvent.click(button());
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('shows the notice (why you were signed out) as a status', () => {
    setup({ notice: 'Your session has ended. Please sign in again.' });
    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Please sign in again.');
  });

  it('shows no notice when there is none', () => {
    setup();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('marks every field as required', () => {
    const { server, username, password } = setup();
    for (const field of [server, username, password]) expect(field.required).toBe(true);
  });
});
