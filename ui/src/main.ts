import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { theme } from './lib/theme.svelte';

// Apply the saved theme before the first render, so a forced light/dark never flashes.
theme.init();

const target = document.getElementById('app');
if (!target) {
  throw new Error('Switchyard: #app element missing from index.html');
}

export default mount(App, { target });
