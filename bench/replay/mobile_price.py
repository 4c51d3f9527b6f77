"""The mobile-price walkthrough written the usual way in Python: pandas, seaborn, scikit-learn.

Run from the repository root: python bench/replay/mobile_price.py OUTDIR
It does what notebooks/01-mobile-price.md does, and saves the same figures as SVG into OUTDIR.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/replay-py"
os.makedirs(out, exist_ok=True)
figures = 0


def save():
    global figures
    figures += 1
    plt.savefig(os.path.join(out, f"figure-{figures}.svg"))
    plt.close("all")


df = pd.read_csv("notebooks/data/mobile_price_train.csv")
print(df.head())
df.info()
print((df.sc_w == 0).sum())
df = df[df.sc_w != 0]
print(df.shape)
counts = df.price_range.value_counts()
print(counts)
sns.barplot(x=counts.index, y=counts.values)
plt.xlabel("price_range")
plt.ylabel("Count")
save()
sns.displot(df.battery_power, bins=30, kde=True)
save()
sns.displot(df.blue, bins=2)
save()
sns.displot(df.m_dep, bins=10, kde=True)
save()
print(df.isna().any())
X = df.drop("price_range", axis=1)
y = df.price_range
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=7)
print("training:", X_train.shape, " validation:", X_valid.shape)


def evaluate(name, y_true, y_pred):
    print(f"{name} accuracy: {accuracy_score(y_true, y_pred):.4f}")
    print(classification_report(y_true, y_pred))
    sns.heatmap(confusion_matrix(y_true, y_pred), annot=True, cmap="BuPu", fmt="d")
    plt.title(f"{name} Confusion Matrix")
    plt.xlabel("Predicted Values")
    plt.ylabel("Actual Values")
    save()


rfc = RandomForestClassifier(n_estimators=200, max_depth=7, max_features=15, min_samples_leaf=3,
                             min_samples_split=10, random_state=7)
rfc.fit(X_train, y_train)
rf_pred = rfc.predict(X_valid)
evaluate("Random Forest", y_valid, rf_pred)
gnb = GaussianNB().fit(X_train, y_train)
nb_pred = gnb.predict(X_valid)
evaluate("Gaussian Naive Bayes", y_valid, nb_pred)
knn = KNeighborsClassifier(n_neighbors=3, leaf_size=25).fit(X_train, y_train)
knn_pred = knn.predict(X_valid)
evaluate("KNN", y_valid, knn_pred)
svm = SVC(decision_function_shape="ovo").fit(X_train, y_train)
svm_pred = svm.predict(X_valid)
evaluate("SVM", y_valid, svm_pred)
names = ["Random Forest", "Naive Bayes", "KNN", "SVM"]
scores = [accuracy_score(y_valid, p) for p in [rf_pred, nb_pred, knn_pred, svm_pred]]
for name, score in zip(names, scores):
    print(f"{name:<14} {score:.4f}")
sns.barplot(x=names, y=scores)
plt.ylabel("Accuracy")
save()
