"""Every notebook in notebooks/ through .ipynb: nbformat validates the conversion, the round trip
is byte-identical, and nbclient executing it with the Quire kernel gives `quire run`'s outputs.

Run by scripts/test-jupyter.sh (QUIRE, QUIRE_ROOT and a JUPYTER_PATH with the `quire` kernel).
The notebooks are copied to a temporary folder first: running writes their figures.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

QUIRE = os.environ.get("QUIRE", "quire")
ROOT = os.environ.get("QUIRE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))


def quire(*args: str, cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run([QUIRE, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def terminated(text: str) -> str:
    return text if text.endswith("\n") or not text else text + "\n"


def is_figure(output) -> bool:
    return output.output_type == "display_data" and ("image/png" in output.data or "image/svg+xml" in output.data)


def html_tables(cell) -> list[str]:
    """The text/plain of each output of a cell that also has text/html (a table)."""
    return [
        terminated("".join(o.data["text/plain"]))
        for o in cell.get("outputs", [])
        if o.output_type in ("execute_result", "display_data") and "text/html" in o.data
    ]


def kernel_text(cell) -> tuple[str, int, list]:
    """What a cell showed through the kernel, as `quire run` puts it in an output block: printed
    text, then each shown value's text; figures are counted, errors returned."""
    text, figures, errors = "", 0, []
    for output in cell.outputs:
        kind = output.output_type
        if kind == "stream":
            text += output.text
        elif kind in ("execute_result", "display_data"):
            if "image/png" in output.data or "image/svg+xml" in output.data:
                figures += 1
            else:
                text += terminated(output.data.get("text/plain", ""))
        elif kind == "error":
            errors.append(output)
    return text, figures, errors


class NotebookConversionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.work = tempfile.mkdtemp(prefix="quire-notebooks-")
        shutil.copytree(os.path.join(ROOT, "notebooks"), os.path.join(cls.work, "notebooks"))
        cls.folder = os.path.join(cls.work, "notebooks")
        cls.names = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(cls.folder, "*.md")))
        cls.reports = {}
        for name in cls.names:
            run = quire("run", f"{name}.md", "--report", f"{name}.report.json", cwd=cls.folder)
            assert run.returncode == 0, run.stderr
            with open(os.path.join(cls.folder, f"{name}.report.json")) as f:
                cls.reports[name] = json.load(f)

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_there_are_notebooks(self) -> None:
        self.assertGreaterEqual(len(self.names), 4)

    def convert(self, name: str) -> str:
        target = os.path.join(self.folder, f"{name}.ipynb")
        result = quire("convert", f"{name}.md", "--to", "ipynb", "-o", target, "--force", cwd=self.folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        return target

    def test_conversions_validate_and_round_trip(self) -> None:
        for name in self.names:
            with self.subTest(notebook=name):
                target = self.convert(name)
                nb = nbformat.read(target, as_version=4)
                nbformat.validate(nb)
                self.assertEqual(nb.metadata.kernelspec.name, "quire")
                self.assertEqual(nb.nbformat_minor, 5)
                back = os.path.join(self.work, f"{name}.back.md")
                result = quire("convert", target, "--to", "md", "-o", back, "--force", cwd=self.folder)
                self.assertEqual(result.returncode, 0, result.stderr)
                with open(os.path.join(self.folder, f"{name}.md"), "rb") as a, open(back, "rb") as b:
                    self.assertEqual(a.read(), b.read())
                # the figures are in the ipynb, and quire checks the ipynb as it checks the .md
                figures = sum(1 for c in nb.cells for o in c.get("outputs", []) if is_figure(o))
                self.assertEqual(figures, sum(len(c["figures"]) for c in self.reports[name]["cells"]))
                # tables are there as HTML beside their text, where quire run showed them
                tables = [t for c in nb.cells if c.cell_type == "code" for t in html_tables(c)]
                if name.startswith("01-"):
                    self.assertGreaterEqual(len(tables), 1)
                    self.assertIn("battery_power", tables[0])
                check = quire("check", target, cwd=self.folder)
                self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def test_nbclient_outputs_equal_quire_run(self) -> None:
        for name in self.names:
            with self.subTest(notebook=name):
                nb = nbformat.read(self.convert(name), as_version=4)
                converted = [html_tables(c) for c in nb.cells if c.cell_type == "code"]
                NotebookClient(nb, kernel_name="quire", timeout=600, resources={"metadata": {"path": self.folder}}).execute()
                nbformat.validate(nb)
                code_cells = [c for c in nb.cells if c.cell_type == "code"]
                report = self.reports[name]["cells"]
                self.assertEqual(len(code_cells), len(report))
                for cell, expected, stored_tables in zip(code_cells, report, converted):
                    options = cell.metadata.get("quire", {}).get("options", {})
                    if options.get("check", True) and expected["status"] == "ok":
                        # the kernel's HTML tables are the ones the conversion gave from the stored outputs
                        self.assertEqual(html_tables(cell), stored_tables, f"cell {expected['cell']} of {name}")
                    text, figures, errors = kernel_text(cell)
                    self.assertEqual(figures, len(expected["figures"]), f"cell {expected['cell']}")
                    if expected["status"] == "expected-error":
                        self.assertEqual(len(errors), 1, f"cell {expected['cell']}")
                        self.assertEqual(errors[0].evalue, expected["error"]["message"])
                        continue
                    self.assertEqual(errors, [], f"cell {expected['cell']}")
                    if options.get("check", True):
                        self.assertEqual(text, expected["output"], f"cell {expected['cell']} of {name}")


class BadNotebookTests(unittest.TestCase):
    def test_foreign_kernel_converts_to_python_blocks_and_run_refuses_it(self) -> None:
        work = tempfile.mkdtemp()
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}})
        nb.cells = [nbformat.v4.new_markdown_cell("# Iris"), nbformat.v4.new_code_cell("import pandas as pd\ndf = pd.read_csv('iris.csv')")]
        path = os.path.join(work, "iris.ipynb")
        nbformat.write(nb, path)
        result = quire("convert", path, "--to", "md", cwd=work)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(work, "iris.md")) as f:
            self.assertEqual(f.read(), "# Iris\n\n```python\nimport pandas as pd\ndf = pd.read_csv('iris.csv')\n```\n")
        run = quire("run", path, cwd=work)
        self.assertEqual(run.returncode, 1)
        self.assertIn("not for Quire", run.stderr)
        shutil.rmtree(work)

    def test_invalid_json_and_old_format(self) -> None:
        work = tempfile.mkdtemp()
        for name, content, message in [
            ("broken.ipynb", "{ nope", "is not valid JSON"),
            ("old.ipynb", '{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}', "Quire reads nbformat 4"),
        ]:
            path = os.path.join(work, name)
            with open(path, "w") as f:
                f.write(content)
            for args in (["run", path], ["check", path], ["convert", path, "--to", "md"]):
                result = quire(*args, cwd=work)
                self.assertEqual(result.returncode, 1, args)
                self.assertIn(message, result.stderr)
                self.assertNotIn("Fatal error", result.stderr)
        shutil.rmtree(work)

    def test_md_to_ipynb_written_here_validates(self) -> None:
        work = tempfile.mkdtemp()
        path = os.path.join(work, "p.md")
        with open(path, "w") as f:
            f.write("# P\n\n```quire\n#| parameters\nseed = 1\n```\n\n```quire\n#| expect-error\n1 / 0\n```\n")
        result = quire("convert", path, "--to", "ipynb", cwd=work)
        self.assertEqual(result.returncode, 0, result.stderr)
        nb = nbformat.read(os.path.join(work, "p.ipynb"), as_version=4)
        nbformat.validate(nb)
        self.assertEqual(nb.cells[1].metadata.tags, ["parameters"])
        self.assertIn("raises-exception", nb.cells[2].metadata.tags)
        shutil.rmtree(work)


if __name__ == "__main__":
    unittest.main()
