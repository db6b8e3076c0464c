import { render } from "solid-js/web";

render(() => <p>Courtesy</p>, document.getElementById("app") as HTMLElement);
