"""Writes tree_reference.json: scikit-learn's decision trees and random forests on two tables the
rest of the tests never use (../../data/wine.csv and ../../data/ties.csv), for Quire's exact tree
tests. Run from the repository root with scikit-learn 1.9.1 and numpy 2.x:

    python Tests/Fixtures/reference/trees/make_tree_reference.py
"""
import json

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, export_text

CASES = [
    ("tree", {"random_state": 0}),
    ("tree", {"criterion": "entropy", "max_depth": 3, "random_state": 1}),
    ("tree", {"max_features": "sqrt", "random_state": 1}),
    ("tree", {"min_samples_leaf": 5, "min_samples_split": 12, "random_state": 2}),
    ("tree", {"max_leaf_nodes": 6, "random_state": 3}),
    ("tree", {"min_impurity_decrease": 0.01, "max_features": 0.5, "random_state": 4}),
    ("tree", {"class_weight": "balanced", "random_state": 5}),
    ("tree", {"min_weight_fraction_leaf": 0.05, "criterion": "log_loss", "random_state": 6}),
    ("forest", {"n_estimators": 25, "random_state": 42}),
    ("forest", {"n_estimators": 15, "criterion": "entropy", "max_features": 0.5, "max_depth": 5, "random_state": 7}),
    ("forest", {"n_estimators": 10, "bootstrap": False, "max_features": 2, "random_state": 8}),
    ("forest", {"n_estimators": 12, "class_weight": "balanced_subsample", "max_samples": 0.7, "random_state": 9}),
    ("forest", {"n_estimators": 12, "class_weight": "balanced", "max_leaf_nodes": 8, "oob_score": True, "random_state": 10}),
    ("tree", {"class_weight": {0: 1, 1: 3, 2: 0.5}, "random_state": 11}),
    ("tree", {"class_weight": {0: 2, 2: 1}, "max_depth": 4, "random_state": 13}),
    ("forest", {"n_estimators": 12, "class_weight": {1: 2.5}, "oob_score": True, "random_state": 12}),
]


def table(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "split": {"test_size": 0.25, "random_state": 42}, "tables": {}}
for name in ["wine", "ties"]:
    X, y = table(f"Tests/Fixtures/data/{name}.csv")
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=42)
    cases = []
    for kind, params in CASES:
        model = (DecisionTreeClassifier if kind == "tree" else RandomForestClassifier)(**params).fit(Xtr, ytr)
        entry = {
            "model": kind,
            "params": params,
            "predict": model.predict(Xte).tolist(),
            "proba": model.predict_proba(Xte).tolist(),
            "importances": model.feature_importances_.tolist(),
            "accuracy": float(accuracy_score(yte, model.predict(Xte))),
        }
        if kind == "tree":
            entry["node_count"] = int(model.tree_.node_count)
            entry["export_text"] = export_text(model)
        else:
            entry["node_counts"] = [int(t.tree_.node_count) for t in model.estimators_]
            if params.get("oob_score"):
                entry["oob_score"] = float(model.oob_score_)
        cases.append(entry)
    out["tables"][name] = cases

with open("Tests/Fixtures/reference/trees/tree_reference.json", "w") as f:
    json.dump(out, f, indent=1)
