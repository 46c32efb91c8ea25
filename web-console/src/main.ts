import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import 'leaflet/dist/leaflet.css';
import './style.css';
import { i18n } from '../../web-shared/i18n';
import App from './App.vue';
import { router } from './router';

document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(i18n).use(router).mount('#app');
