// Lets the root `tsc` (which does not read .vue files) accept their imports; vue-tsc checks them.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
