"""The threshold explorer at full scale, timed inside a real IPython kernel (inline backend, so each
update renders its chart to PNG as in JupyterLab). Limit: at most 200 ms a slider move (median of 10)."""

from __future__ import annotations

import json

from jupyter_client.manager import start_new_kernel

from _common import finish, report

CODE = r'''
import json, statistics, time
import tiering_lib as tl
tl.use_chinese_fonts()
sb = tl.SortedBalances(tl.suzhou_population())
explorer = tl.threshold_explorer(sb, tl.builtin_scheme("suzhou_three_class"))
slider_a = [w for w in explorer.children if getattr(w, "description", "").startswith("A类下限")][0]
times = []
for value in (21, 25, 30, 15, 10, 40, 50, 18, 22, 20):
    t = time.perf_counter()
    slider_a.value = value  # the observer runs synchronously: table + chart rendered to PNG
    times.append(time.perf_counter() - t)
print("RESULT" + json.dumps({"median": statistics.median(times), "max": max(times)}))
'''

km, kc = start_new_kernel(kernel_name="python3")
try:
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream" and "RESULT" in msg["content"]["text"]:
            out.append(msg["content"]["text"])

    kc.execute_interactive("%matplotlib inline", timeout=120)
    kc.execute_interactive(CODE, timeout=600, output_hook=hook)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
result = json.loads(out[0].split("RESULT", 1)[1])
report("explorer_update_in_kernel_ms", result["median"] * 1000, limit=200, fmt=".1f")
report("explorer_update_in_kernel_max_ms", result["max"] * 1000, fmt=".1f")
finish()
