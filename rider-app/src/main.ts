import { createApp } from 'vue';
import 'vant/es/style/base.css';
import 'vant/es/button/style/index';
import 'vant/es/field/style/index';
import 'vant/es/cell/style/index';
import 'vant/es/cell-group/style/index';
import 'vant/es/nav-bar/style/index';
import 'vant/es/tag/style/index';
import 'vant/es/notice-bar/style/index';
import 'vant/es/popup/style/index';
import 'vant/es/radio/style/index';
import 'vant/es/radio-group/style/index';
import 'vant/es/action-sheet/style/index';
import 'vant/es/switch/style/index';
import 'vant/es/empty/style/index';
import './style.css';
import { i18n } from '../../web-shared/i18n';
import { syncVantLocale } from './locale';
import App from './App.vue';

document.documentElement.lang = i18n.global.locale.value;
syncVantLocale();
createApp(App).use(i18n).mount('#app');

// The service worker lives at /rider/sw.js so that its scope is the app (the api serves it, no-cache).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => { void navigator.serviceWorker.register('/rider/sw.js', { scope: '/rider/' }); });
}
