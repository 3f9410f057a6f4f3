// Renderer entry: global styles and the app.
import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';

mount(App, { target: document.getElementById('app')! });

// The browser build keeps its shell for offline starts (Electron loads its own files instead).
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.error('offline start unavailable: the service worker did not register', error));
}
