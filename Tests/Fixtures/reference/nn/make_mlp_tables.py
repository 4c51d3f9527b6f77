"""Reference runs of scikit-learn's MLPClassifier on small tables the other tests never use, for
Tests/QuireLearnTests/MLPTests.swift. Writes mlp_tables.json beside this file: each table's rows
(rounded, so the JSON holds exactly what scikit-learn trained on) and, per run, the parameters,
loss_curve_, n_iter_, best_loss_, validation_scores_, the final learning rate of the optimiser,
predict_proba of the first rows and the predictions of every row.
usage: /work/venv/bin/python make_mlp_tables.py   (scikit-learn 1.9.1, numpy, in /work/venv)"""
import json, os, warnings
import numpy as np
from sklearn.datasets import make_classification, make_moons
from sklearn.neural_network import MLPClassifier
warnings.filterwarnings("ignore")

here = os.path.dirname(os.path.abspath(__file__))
wine = np.loadtxt(os.path.join(here, "..", "..", "data", "wine.csv"), delimiter=",", skiprows=1)
Xw, yw = wine[:, :-1], wine[:, -1].astype(int)
# A slice of wine: every other row, standardised with the slice's own mean and std.
Xw, yw = Xw[::2], yw[::2]
Xw = np.round((Xw - Xw.mean(0)) / Xw.std(0), 6)

Xa, ya = make_classification(n_samples=150, n_features=6, n_informative=4, n_redundant=1, n_classes=3, random_state=3)
Xa = np.round(Xa, 6)
Xb, yb = make_moons(n_samples=120, noise=0.25, random_state=4)
Xb = np.round(Xb, 6)
tables = {"three_classes": (Xa, ya), "moons": (Xb, yb), "wine_half": (Xw, yw)}

runs = [
    ("three_classes", dict(hidden_layer_sizes=(10,), activation="tanh", max_iter=40, random_state=0)),
    ("three_classes", dict(hidden_layer_sizes=(8, 6), activation="logistic", solver="sgd", learning_rate_init=0.05,
                           momentum=0.9, nesterovs_momentum=True, max_iter=40, random_state=1)),
    ("three_classes", dict(hidden_layer_sizes=(7,), activation="identity", solver="sgd", learning_rate="invscaling",
                           learning_rate_init=0.1, power_t=0.3, nesterovs_momentum=False, max_iter=30, random_state=2)),
    ("wine_half", dict(hidden_layer_sizes=(12,), solver="sgd", learning_rate="adaptive", learning_rate_init=0.3,
                       n_iter_no_change=2, tol=0.01, max_iter=80, random_state=3)),
    ("wine_half", dict(hidden_layer_sizes=(16,), early_stopping=True, validation_fraction=0.2, n_iter_no_change=3,
                       learning_rate_init=0.01, max_iter=100, random_state=4)),
    ("moons", dict(hidden_layer_sizes=(20, 10), batch_size=500, learning_rate_init=0.01, max_iter=50, random_state=5)),
    ("moons", dict(hidden_layer_sizes=(20,), early_stopping=True, validation_fraction=0.25, n_iter_no_change=4,
                   learning_rate_init=0.02, max_iter=60, random_state=6)),
    ("three_classes", dict(hidden_layer_sizes=(16,), alpha=0.01, shuffle=False, batch_size=16, n_iter_no_change=3,
                           tol=1e-3, learning_rate_init=0.01, max_iter=200, random_state=7)),
]
out = {"made_by": "make_mlp_tables.py with scikit-learn 1.9.1", "tables": {}, "runs": []}
for name, (X, y) in tables.items():
    out["tables"][name] = {"X": X.tolist(), "y": [int(v) for v in y]}
for name, params in runs:
    X, y = tables[name]
    m = MLPClassifier(**params).fit(X, y)
    out["runs"].append({
        "table": name,
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()},
        "loss_curve": [float(v) for v in m.loss_curve_], "n_iter": int(m.n_iter_),
        "best_loss": None if m.best_loss_ is None else float(m.best_loss_),
        "validation_scores": None if m.validation_scores_ is None else [float(v) for v in m.validation_scores_],
        "final_learning_rate": float(m._optimizer.learning_rate),
        "proba_first_rows": m.predict_proba(X[:4]).tolist(),
        "predictions": [int(v) for v in m.predict(X)],
    })
json.dump(out, open(os.path.join(here, "mlp_tables.json"), "w"))
for r in out["runs"]:
    print(r["table"], r["params"], r["n_iter"], round(r["loss_curve"][-1], 6), r["final_learning_rate"])
