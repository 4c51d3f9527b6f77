"""The Quire kernel against the Jupyter project's own client and kernel test suite.

Run by scripts/test-jupyter.sh, which makes a virtual environment with jupyter_client,
jupyter_kernel_test, nbclient and nbformat, installs the kernelspecs `quire` (interrupts by
signal) and `quire-message` (interrupts by control message) into a temporary JUPYTER_PATH and
sets QUIRE to the quire executable.
"""
from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import tempfile
import threading
import time
import unittest

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

QUIRE = os.environ.get("QUIRE", "quire")
TIMEOUT = 30

CSV = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
CSV.write("name,score\nada,3\nbob,5\n")
CSV.close()


class QuireKernelTests(jupyter_kernel_test.KernelTests):
    """The standard suite: kernel info, execute, stdout, errors, results, display data,
    completion, inspect, is_complete and history."""

    kernel_name = "quire"
    language_name = "quire"
    file_extension = ".qr"

    code_hello_world = 'print("hello, world")'
    code_generate_error = "undefined_name + 1"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "[1, 2] + [3]", "result": "[1, 2, 3]"},
        {"code": f'read_csv("{CSV.name}")', "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "bar([1, 2, 3])", "mime": "image/png"},
        {"code": "bar([1, 2, 3])", "mime": "image/svg+xml"},
        {"code": 'show(bar([3, 1]))\nprint("after")', "mime": "image/png"},
    ]
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "xs = [1]\nxs.app", "matches": set()},  # xs is not defined yet when completing
        {"text": "len("},
    ]
    complete_code_samples = ["1 + 1", "fn f(x) { x }", 'print("a")']
    incomplete_code_samples = ["fn f(x) {", "[1, 2,", 'print("a",']
    code_inspect_sample = "len"

    def test_completion_members_and_cursor(self) -> None:
        self.flush_channels()
        self.execute_helper("words = [1, 2]")
        self.kc.complete("words.app", 9)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["matches"], ["append"])
        self.assertEqual(reply["content"]["cursor_start"], 6)
        self.assertEqual(reply["content"]["cursor_end"], 9)
        # the cursor in the middle of the code, after a non-ASCII character (code points)
        self.kc.complete("é = 1; wor + 1", 10)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertIn("words", reply["content"]["matches"])
        self.assertEqual(reply["content"]["cursor_start"], 7)

    def test_completion_keyword_arguments_and_columns(self) -> None:
        self.flush_channels()
        self.execute_helper(f'table = read_csv("{CSV.name}")')
        code = 'table["sc'
        self.kc.complete(code, len(code))
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["matches"], ['score"]'])
        code = "bar([1], xla"
        self.kc.complete(code, len(code))
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["matches"], ["xlabel="])

    def test_inspect_text_is_the_help_text(self) -> None:
        self.flush_channels()
        self.kc.inspect("len([1])", 2)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("len(x)", reply["content"]["data"]["text/plain"])
        self.kc.inspect("no_such_thing", 3)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertFalse(reply["content"]["found"])

    def test_error_traceback_is_quires_error_text(self) -> None:
        self.flush_channels()
        reply, outputs = self.execute_helper("x = 1\nx + y_missing")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "NameError")
        traceback = "\n".join(reply["content"]["traceback"])
        self.assertIn('name "y_missing" is not defined', traceback)
        self.assertIn("2 | x + y_missing", traceback)
        self.assertIn("^^^^^^^^^", traceback)
        # the session survives an error
        reply, outputs = self.execute_helper("x + 1")
        self.assertEqual(outputs[0]["content"]["data"]["text/plain"], "2")

    def test_state_persists_and_counts_grow(self) -> None:
        self.flush_channels()
        first, _ = self.execute_helper("counter = 41")
        second, outputs = self.execute_helper("counter + 1")
        self.assertEqual(second["content"]["execution_count"], first["content"]["execution_count"] + 1)
        self.assertEqual(outputs[0]["content"]["data"]["text/plain"], "42")

    def test_silent_and_store_history(self) -> None:
        self.flush_channels()
        before, _ = self.execute_helper("0")
        reply, outputs = self.execute_helper("print(1)\n5", silent=True)
        self.assertEqual([m["msg_type"] for m in outputs], ["stream"])  # no execute_result
        reply, _ = self.execute_helper("6", store_history=False)
        self.assertEqual(reply["content"]["execution_count"], before["content"]["execution_count"])

    def test_history_is_empty(self) -> None:
        self.flush_channels()
        self.kc.history(hist_access_type="tail", n=5)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        validate_message(reply, "history_reply")
        self.assertEqual(reply["content"], {"status": "ok", "history": []})

    def test_comm_info_is_empty(self) -> None:
        self.flush_channels()
        self.kc.comm_info()
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})

    def test_queued_executions_run_in_order(self) -> None:
        self.flush_channels()
        ids = [self.kc.execute(f"queued = {i}\nprint(queued)") for i in range(3)]
        replies = [self.get_non_kernel_info_reply(timeout=TIMEOUT) for _ in ids]
        self.assertEqual([r["parent_header"]["msg_id"] for r in replies], ids)
        self.assertTrue(all(r["content"]["status"] == "ok" for r in replies))
        counts = [r["content"]["execution_count"] for r in replies]
        self.assertEqual(counts, sorted(counts))

    def test_executions_queued_behind_an_error_are_aborted(self) -> None:
        self.flush_channels()
        first = self.kc.execute("missing_name")
        second = self.kc.execute("1")
        r1 = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        r2 = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual((r1["parent_header"]["msg_id"], r1["content"]["status"]), (first, "error"))
        self.assertEqual(r2["parent_header"]["msg_id"], second)
        self.assertIn(r2["content"]["status"], ("aborted", "ok"))  # "ok" if it came after the error

    def test_input_reads_through_the_stdin_channel(self) -> None:
        self.flush_channels()
        prompts = []

        def answer(msg):
            prompts.append(msg["content"]["prompt"])
            self.kc.input("Ada")

        outputs = []
        reply = self.kc.execute_interactive(
            'name = input("your name: ")\nprint("hi " + name)', allow_stdin=True, stdin_hook=answer,
            output_hook=outputs.append, timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(prompts, ["your name: "])
        text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertEqual(text, "hi Ada\n")

    def test_input_without_stdin_is_an_error(self) -> None:
        self.flush_channels()
        reply = self.kc.execute_interactive('input("x")', allow_stdin=False, output_hook=lambda m: None, timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("input()", reply["content"]["evalue"])

    def test_badly_signed_message_is_dropped(self) -> None:
        self.flush_channels()
        forger = Session(key=b"not the key", username="mallory")
        forger.send(self.kc.shell_channel.socket, "execute_request",
                    {"code": "forged = 1", "silent": False, "store_history": True,
                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        with self.assertRaises(queue.Empty):
            self.kc.get_shell_msg(timeout=1)
        reply, outputs = self.execute_helper("forged")
        self.assertEqual(reply["content"]["status"], "error")  # the forged cell never ran
        self.assertEqual(reply["content"]["ename"], "NameError")


class InterruptAndShutdownTests(unittest.TestCase):
    """Interrupts in both modes stop a running loop and keep the session; shutdown and restart."""

    def interrupt_loop(self, kernel_name: str) -> None:
        km, kc = start_new_kernel(kernel_name=kernel_name)
        try:
            kc.execute_interactive("kept = 7", timeout=TIMEOUT)
            msg_id = kc.execute("i = 0\nwhile true { i = i + 1 }")
            time.sleep(1.0)  # the loop is running
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
            self.assertIn("while true", "\n".join(reply["content"]["traceback"]))
            self.assertTrue(km.is_alive())
            outputs = []
            reply = kc.execute_interactive("kept + 1", output_hook=outputs.append, timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            results = [m for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(results[0]["content"]["data"]["text/plain"], "8")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_interrupt_by_signal(self) -> None:
        self.interrupt_loop("quire")

    def test_interrupt_by_message(self) -> None:
        self.assertEqual(KernelSpecManager().get_kernel_spec("quire-message").interrupt_mode, "message")
        self.interrupt_loop("quire-message")

    def test_interrupt_while_waiting_for_input(self) -> None:
        km, kc = start_new_kernel(kernel_name="quire-message")
        try:
            kc.execute_interactive("kept = 1", timeout=TIMEOUT)
            msg_id = kc.execute('answer = input("? ")', allow_stdin=True)
            request = kc.get_stdin_msg(timeout=TIMEOUT)  # the kernel waits for a line
            self.assertEqual(request["content"]["prompt"], "? ")
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
            reply = kc.execute_interactive("kept", output_hook=lambda m: None, timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_client_that_disconnects_mid_execution(self) -> None:
        km, kc = start_new_kernel(kernel_name="quire")
        try:
            kc.execute('total = 0\nfor i in range(300000) { total = total + i }\nprint("done")')
            kc.stop_channels()  # gone before the cell ends
            # a session of its own: two clients cloned from the manager's session count their
            # msg_ids from the same number, and the first client's messages (still coming when
            # the cell is slow) would then pass as the second's
            session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)
            second = km.client(session=session)
            second.start_channels()
            second.wait_for_ready(timeout=TIMEOUT)
            outputs = []
            reply = second.execute_interactive("total", output_hook=outputs.append, timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            results = [m for m in outputs if m["msg_type"] == "execute_result"]
            self.assertEqual(results[0]["content"]["data"]["text/plain"], str(sum(range(300000))))
            second.stop_channels()
        finally:
            km.shutdown_kernel(now=True)

    def test_new_iopub_subscriber_is_greeted_with_the_state(self) -> None:
        # The kernel's IOPub is an XPUB socket: a client that subscribes gets a status message
        # at once (nothing else is sent here), so it does not miss the kernel's state.
        km, kc = start_new_kernel(kernel_name="quire")
        try:
            # a session of its own: two clients cloned from the manager's session count their
            # msg_ids from the same number, and the first client's messages (still coming when
            # the cell is slow) would then pass as the second's
            session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)
            second = km.client(session=session)
            second.start_channels()
            greeting = second.get_iopub_msg(timeout=TIMEOUT)
            validate_message(greeting, "status")
            self.assertEqual(greeting["content"]["execution_state"], "idle")
            self.assertEqual(greeting["parent_header"], {})
            with self.assertRaises(queue.Empty):  # one greeting for one subscription
                second.get_iopub_msg(timeout=0.5)
            second.stop_channels()
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_shutdown_and_restart(self) -> None:
        km, kc = start_new_kernel(kernel_name="quire")
        kc.execute_interactive("before_restart = 1", timeout=TIMEOUT)
        first_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)  # sends shutdown_request with restart=True, waits for the exit
        kc.wait_for_ready(timeout=TIMEOUT)
        self.assertNotEqual(km.provisioner.process.pid, first_pid)
        reply = kc.execute_interactive("before_restart", output_hook=lambda m: None, timeout=TIMEOUT)
        self.assertEqual(reply["content"]["ename"], "NameError")  # a fresh session
        kc.stop_channels()
        process = km.provisioner.process
        km.shutdown_kernel(now=False)  # a shutdown_request; the kernel ends on its own
        self.assertFalse(km.is_alive())
        self.assertEqual(process.returncode, 0)

    def test_shutdown_reply_on_control(self) -> None:
        km, kc = start_new_kernel(kernel_name="quire")
        try:
            msg = kc.session.msg("shutdown_request", {"restart": False})
            kc.control_channel.send(msg)
            reply = kc.control_channel.get_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "shutdown_reply")
            self.assertEqual(reply["content"], {"status": "ok", "restart": False})
            km.provisioner.process.wait(timeout=TIMEOUT)
            self.assertEqual(km.provisioner.process.returncode, 0)
        finally:
            kc.stop_channels()
            km.cleanup_resources()


class KernelCommandTests(unittest.TestCase):
    """`quire kernel` on bad input, and the kernelspec as Jupyter sees it."""

    def run_kernel(self, connection: str) -> subprocess.CompletedProcess:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(connection)
        try:
            return subprocess.run([QUIRE, "kernel", "--connection-file", f.name], capture_output=True, text=True, timeout=TIMEOUT)
        finally:
            os.unlink(f.name)

    def test_malformed_connection_file(self) -> None:
        result = self.run_kernel("{ not json")
        self.assertEqual(result.returncode, 1)
        self.assertIn("is not a JSON object", result.stderr)
        result = self.run_kernel('{"ip": "127.0.0.1", "key": "k"}')
        self.assertEqual(result.returncode, 1)
        self.assertIn('"shell_port"', result.stderr)

    def test_missing_connection_file(self) -> None:
        result = subprocess.run([QUIRE, "kernel", "--connection-file", "/nonexistent/k.json"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("cannot read the connection file /nonexistent/k.json", result.stderr)

    def test_port_in_use(self) -> None:
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        ports = {name: port + 1 + i for i, name in enumerate(["iopub_port", "stdin_port", "control_port", "hb_port"])}
        connection = dict(ports, shell_port=port, ip="127.0.0.1", key="k", transport="tcp", signature_scheme="hmac-sha256")
        result = self.run_kernel(json.dumps(connection))
        busy.close()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"cannot listen for its shell channel on tcp://127.0.0.1:{port}", result.stderr)
        self.assertIn("hint:", result.stderr)
        self.assertNotIn("Fatal error", result.stderr)

    def test_kernelspec_is_listed(self) -> None:
        spec = KernelSpecManager().get_kernel_spec("quire")
        self.assertEqual(spec.language, "quire")
        self.assertEqual(spec.display_name, "Quire")
        self.assertEqual(spec.argv[1:], ["kernel", "--connection-file", "{connection_file}"])
        self.assertTrue(os.path.exists(os.path.join(spec.resource_dir, "logo-64x64.png")))


if __name__ == "__main__":
    unittest.main()
