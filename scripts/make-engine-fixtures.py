#!/usr/bin/python3
"""Reference values for every reference-engine function (src/engine, SPEC section 6).

Writes test/fixtures/engine/sklearn-cases.json from scikit-learn, SciPy and NumPy, so
that the engine tests need no Python. Run from the repository root:

    /usr/bin/python3 scripts/make-engine-fixtures.py

Needs Debian's packages (the pyenv python3 on PATH may lack them):

    apt-get install -y python3-sklearn python3-numpy

The seed is fixed and the output is byte-identical from run to run.

Case format: {"id", "fn", "args", "expected"} and, where needed,
  "classes"   engine classes (class names in args are looked up there),
  "setup"     mathjs assignments evaluated first (e.g. a function for numgrad),
  "scope"     variables the setup uses,
  "tolerance" {"rel", "abs"} instead of the default {"rel": 1e-9, "abs": 1e-12}.
An argument {"$fn": name} is a function: one defined by "setup", else the engine's own.

Conventions copied from the engine (src/engine/README.md): labels and class indices are
1-based; 0/0 is 0 (zero_division=0); predicted probabilities are clipped to
[1e-15, 1 - 1e-15] before their log, which Debian's scikit-learn 1.2 no longer does by
default, so losses are computed here with NumPy and cross-checked with scikit-learn
wherever the clip makes no difference.
"""
import json
import pathlib

import numpy as np
import scipy.special
import scipy.stats
import sklearn
from sklearn import metrics as skm

SEED = 20240607
CLIP = 1e-15
OUT = pathlib.Path(__file__).resolve().parent.parent / "test/fixtures/engine/sklearn-cases.json"
NUMGRAD_TOLERANCE = {"rel": 1e-6, "abs": 1e-9}

rng = np.random.default_rng(SEED)
cases = []


def plain(x):
    """NumPy values as JSON-ready Python numbers and lists."""
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return float(x)
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    return x


def add(fn, args, expected, **extra):
    case = {"id": f"{fn}-{sum(c['fn'] == fn for c in cases) + 1:02d}", "fn": fn,
            "args": plain(args), "expected": plain(expected)}
    case.update({k: plain(v) for k, v in extra.items()})
    cases.append(case)


def fn_arg(name):
    return {"$fn": name}


def agree(a, b):
    assert np.allclose(a, b, rtol=1e-12, atol=1e-12), (a, b)


# ---------------------------------------------------------------- confusion-matrix metrics

def random_confusion(n):
    """Counts 0..24; sometimes a class never occurs (empty row), is never predicted
    (empty column), or both."""
    while True:
        cm = rng.integers(0, 25, size=(n, n))
        shape = rng.integers(0, 4)
        if shape in (1, 3):
            cm[rng.integers(n), :] = 0
        if shape in (2, 3):
            cm[:, rng.integers(n)] = 0
        if rng.random() < 0.3:
            cm[rng.integers(n), rng.integers(n)] = 0
        if cm.sum() > 0:
            return cm


def samples_of(cm):
    """y_true, y_pred (0-based) whose confusion matrix is cm."""
    n = len(cm)
    cells = [(i, j) for i in range(n) for j in range(n)]
    truth = np.repeat([i for i, _ in cells], [cm[i, j] for i, j in cells])
    pred = np.repeat([j for _, j in cells], [cm[i, j] for i, j in cells])
    return truth, pred


def one_vs_rest(truth, pred, n):
    """tn, fp, fn, tp per class."""
    return skm.multilabel_confusion_matrix(truth, pred, labels=list(range(n))).reshape(n, 4).T


PER_CLASS = {
    "precision": lambda t, p, L: skm.precision_score(t, p, labels=L, average=None, zero_division=0),
    "recall": lambda t, p, L: skm.recall_score(t, p, labels=L, average=None, zero_division=0),
    "f1": lambda t, p, L: skm.f1_score(t, p, labels=L, average=None, zero_division=0),
    "support": lambda t, p, L: skm.precision_recall_fscore_support(t, p, labels=L, zero_division=0)[3],
}


def specificity_per_class(t, p, n):
    tn, fp, _, _ = one_vs_rest(t, p, n)
    return np.where(tn + fp == 0, 0.0, tn / np.maximum(tn + fp, 1))


def averaged(metric, average, t, p, n, beta=None):
    L = list(range(n))
    if metric == "specificity":
        tn, fp, _, _ = one_vs_rest(t, p, n)
        if average == "micro":
            return tn.sum() / (tn.sum() + fp.sum()) if tn.sum() + fp.sum() else 0.0
        per_class = specificity_per_class(t, p, n)
        weights = np.ones(n) if average == "macro" else np.bincount(t, minlength=n)
        return float(np.average(per_class, weights=weights))
    if metric == "fbeta":
        return skm.fbeta_score(t, p, beta=beta, labels=L, average=average, zero_division=0)
    scorer = {"precision": skm.precision_score, "recall": skm.recall_score, "f1": skm.f1_score}[metric]
    return scorer(t, p, labels=L, average=average, zero_division=0)


def confusion_metric_cases():
    averaged_metrics = ["precision", "recall", "f1", "specificity", "fbeta"]
    for index in range(15):
        n = 2 + index % 4
        cm = random_confusion(n)
        t, p = samples_of(cm)
        L = list(range(n))
        add("accuracy", [cm], skm.accuracy_score(t, p))
        for fn, per_class in PER_CLASS.items():
            k = int(rng.integers(1, n + 1))
            add(fn, [cm, k], per_class(t, p, L)[k - 1])
        k = int(rng.integers(1, n + 1))
        beta = [0.5, 2.0, 3.0, 1.0, 0.0][index % 5]
        add("fbeta", [cm, k, beta],
            skm.fbeta_score(t, p, beta=beta, labels=L, average=None, zero_division=0)[k - 1])
        k = int(rng.integers(1, n + 1))
        add("specificity", [cm, k], specificity_per_class(t, p, n)[k - 1])
        for average in ["macro", "weighted", "micro"]:
            metric = averaged_metrics[(index + len(average)) % len(averaged_metrics)]
            beta = 2.0 if metric == "fbeta" else None
            args = [fn_arg(metric), cm] + ([beta] if beta is not None else [])
            add(average, args, averaged(metric, average, t, p, n, beta))
        add("mcc", [cm], skm.matthews_corrcoef(t, p))
        with np.errstate(invalid="ignore"):  # chance agreement 1: kappa undefined, left out
            kappa = skm.cohen_kappa_score(t, p, labels=L)
        if np.isfinite(kappa):
            add("kappa", [cm], kappa)


def named_class_cases():
    """Class names from the rubric's `classes`, including names that look like numbers."""
    for classes in (["A", "B", "C"], ["cat", "dog", "bird"], ["0", "1", "2"]):
        cm = random_confusion(3)
        t, p = samples_of(cm)
        L = [0, 1, 2]
        for fn, per_class in PER_CLASS.items():
            k = int(rng.integers(3))
            add(fn, [cm, classes[k]], per_class(t, p, L)[k], classes=classes)
        k = int(rng.integers(3))
        add("specificity", [cm, classes[k]], specificity_per_class(t, p, 3)[k], classes=classes)
        add("fbeta", [cm, classes[k], 2.0],
            skm.fbeta_score(t, p, beta=2.0, labels=L, average=None, zero_division=0)[k], classes=classes)
        size = int(rng.integers(8, 20))
        truth, pred = rng.integers(0, 3, size), rng.integers(0, 3, size)
        add("confusion", [[classes[i] for i in truth], [classes[i] for i in pred], 3],
            skm.confusion_matrix(truth, pred, labels=L), classes=classes)


def confusion_cases():
    for index in range(8):
        n = 2 + index % 4
        size = int(rng.integers(5, 30))
        truth, pred = rng.integers(1, n + 1, size), rng.integers(1, n + 1, size)
        expected = skm.confusion_matrix(truth, pred, labels=list(range(1, n + 1)))
        if index < 6:
            add("confusion", [truth, pred, n], expected)
        else:  # n left out: the largest label
            truth[0] = n
            add("confusion", [truth, pred], skm.confusion_matrix(truth, pred, labels=list(range(1, n + 1))))
    # a class that never occurs: n larger than every label
    add("confusion", [[1, 2, 2, 1], [2, 2, 1, 1], 4], skm.confusion_matrix([1, 2, 2, 1], [2, 2, 1, 1], labels=[1, 2, 3, 4]))


def roc_auc_cases():
    for index in range(6):
        size = int(rng.integers(8, 30))
        y = rng.integers(0, 2, size)
        y[0], y[1] = 0, 1
        score = rng.random(size)
        if index % 2 == 0:
            score = np.round(score, 1)  # ties between and within classes
        add("roc_auc", [y, score], skm.roc_auc_score(y, score))
    add("roc_auc", [[0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]], 0.5)


# ---------------------------------------------------------------- information measures

def distribution(k, zeros=0):
    p = rng.dirichlet(np.ones(k))
    p[rng.choice(k, zeros, replace=False)] = 0.0
    return p / p.sum()


def clipped(q):
    return np.clip(q, CLIP, 1 - CLIP)


def information_cases():
    for index in range(6):
        k = 2 + index % 4
        p, q = distribution(k, zeros=index % 2), distribution(k, zeros=1 if index >= 4 else 0)
        nz = p > 0
        entropy = -np.sum(p[nz] * np.log(p[nz]))
        agree(entropy, scipy.stats.entropy(p))
        kl = np.sum(p[nz] * (np.log(p[nz]) - np.log(clipped(q)[nz])))
        cross = -np.sum(p[nz] * np.log(clipped(q)[nz]))
        if np.all(q[nz] > 0):
            agree(kl, np.sum(scipy.special.rel_entr(p, q)))
            agree(cross, entropy + kl)
        add("entropy", [p], entropy)
        add("kl", [p, q], kl)
        add("cross_entropy", [p, q], cross)
    add("entropy", [[1.0, 0.0]], 0.0)
    add("kl", [[0.5, 0.5], [1.0, 0.0]], 0.5 * (np.log(0.5) - np.log(1 - CLIP)) + 0.5 * (np.log(0.5) - np.log(CLIP)))
    add("cross_entropy", [[0.0, 1.0], [1.0, 0.0]], -np.log(CLIP))


# ---------------------------------------------------------------- activations

def activation_inputs():
    yield float(rng.normal() * 3)
    yield rng.normal(size=6) * 4
    yield rng.normal(size=(3, 4)) * 3
    yield np.array([-800.0, -40.0, -1e-8, 0.0, 1e-8, 40.0, 800.0])


def activation_cases():
    elementwise = {
        "sigmoid": scipy.special.expit,
        "logistic": scipy.special.expit,
        "tanh": np.tanh,
        "relu": lambda x: np.maximum(x, 0.0),
        "softplus": lambda x: np.logaddexp(0.0, x),
    }
    for fn, f in elementwise.items():
        for x in activation_inputs():
            add(fn, [x], f(np.asarray(x)))
    for index, x in enumerate(activation_inputs()):
        a = [0.01, 0.2, 0.1, 0.3][index]
        add("leaky_relu", [x, a], np.where(np.asarray(x) >= 0, x, a * np.asarray(x)))
    add("leaky_relu", [[-3.0, 0.0, 2.0]], [-0.03, 0.0, 2.0])  # default slope 0.01
    rowwise_inputs = [rng.normal(size=5) * 2, rng.normal(size=(4, 3)) * 3,
                      np.array([1000.0, 0.0]), np.array([[-1000.0, 1000.0, 0.0], [1.0, 1.0, 1.0]])]
    for z in rowwise_inputs:
        add("softmax", [z], scipy.special.softmax(z, axis=-1))
        add("log_softmax", [z], scipy.special.log_softmax(z, axis=-1))


# ---------------------------------------------------------------- losses

def binary_probabilities(size):
    """Labels and probabilities with exact 0 and 1, both agreeing and disagreeing with y."""
    y = rng.integers(0, 2, size).astype(float)
    p = rng.random(size)
    y[:4] = [0, 1, 0, 1]
    p[:4] = [0.0, 1.0, 1.0, 0.0]
    return y, p


def bce_of(y, p):
    q = clipped(p)
    return np.mean(-(y * np.log(q) + (1 - y) * np.log(1 - q)))


def loss_cases():
    for size in (6, 9):
        y, p = binary_probabilities(size)
        add("bce", [y, p], bce_of(y, p))
        y, p = y[4:], p[4:]
        agree(bce_of(y, p), skm.log_loss(y, p, eps=CLIP, labels=[0, 1]))
        add("bce", [y, p], bce_of(y, p))
    soft_y, p = rng.random(5), rng.random(5)
    add("bce", [soft_y, p], bce_of(soft_y, p))
    add("bce", [1, 0.8], -np.log(0.8))
    Y, P = rng.integers(0, 2, (3, 2)).astype(float), rng.random((3, 2))
    add("bce", [Y, P], bce_of(Y, P))

    for z_scale in (1.0, 5.0, 60.0):
        y, z = rng.integers(0, 2, 7).astype(float), rng.normal(size=7) * z_scale
        expected = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
        if z_scale < 10:
            agree(expected, bce_of(y, scipy.special.expit(z)))
        add("bce_logits", [y, z], expected)
    add("bce_logits", [[0.0, 1.0], [800.0, -800.0]], 800.0)

    for n, k in ((4, 3), (6, 2), (5, 4)):
        labels = rng.integers(0, k, n)
        labels[:k] = np.arange(k)
        Y = np.eye(k)[labels]
        P = scipy.special.softmax(rng.normal(size=(n, k)) * 2, axis=1)
        expected = np.mean(-np.sum(Y * np.log(clipped(P)), axis=1))
        agree(expected, skm.log_loss(labels, P, eps=CLIP, labels=list(range(k))))
        add("cce", [Y, P], expected)
    Y = np.eye(3)[[0, 0, 2]]
    P = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
    add("cce", [Y, P], np.mean(-np.sum(Y * np.log(clipped(P)), axis=1)))
    add("cce", [[0.0, 1.0, 0.0], [0.1, 0.7, 0.2]], -np.log(0.7))

    for shape in ((7,), (4, 3), (5,)):
        y, yhat = rng.normal(size=shape) * 3, rng.normal(size=shape) * 3
        add("mse", [y, yhat], skm.mean_squared_error(y, yhat))
        add("mae", [y, yhat], skm.mean_absolute_error(y, yhat))
        add("sse", [y, yhat], np.sum((y - yhat) ** 2))
    add("mse", [[[1.0], [2.0], [4.0]], [1.5, 2.0, 3.0]], np.mean(np.array([0.5, 0.0, 1.0]) ** 2))
    add("sse", [3.0, 1.0], 4.0)
    add("mae", [[1.0, -1.0], [-1.0, 1.0]], 2.0)

    for size in (6, 10, 4):
        y = rng.choice([-1, 1], size)
        y[:2] = [-1, 1]
        s = rng.normal(size=size) * 2
        add("hinge", [y, s], skm.hinge_loss(y, s))
    add("hinge", [1, 0.25], 0.75)

    def huber_of(y, yhat, delta):
        r = np.abs(y - yhat)
        return np.mean(np.where(r <= delta, 0.5 * r ** 2, delta * (r - 0.5 * delta)))

    for delta in (1.0, 0.5, 2.5):
        y, yhat = rng.normal(size=8) * 2, rng.normal(size=8) * 2
        add("huber", [y, yhat, delta], huber_of(y, yhat, delta))
    y, yhat = rng.normal(size=(2, 3)) * 2, rng.normal(size=(2, 3)) * 2
    add("huber", [y, yhat], huber_of(y, yhat, 1.0))  # default delta 1


# ---------------------------------------------------------------- layers

ACTIVATION = {
    "identity": lambda h: h,
    "sigmoid": scipy.special.expit,
    "tanh": np.tanh,
    "relu": lambda h: np.maximum(h, 0.0),
    "softmax": lambda h: scipy.special.softmax(h, axis=-1),
}


def layer_cases():
    X = rng.normal(size=(4, 3))
    add("with_bias", [X], np.hstack([np.ones((4, 1)), X]))
    x = rng.normal(size=3)
    add("with_bias", [x], np.concatenate([[1.0], x]))
    add("with_bias", [2.5], [1.0, 2.5])

    for n, d, m in ((4, 3, 2), (1, 2, 3), (5, 4, 1)):
        X, W, b = rng.normal(size=(n, d)), rng.normal(size=(d, m)), rng.normal(size=m)
        add("dense", [X, W, b], X @ W + b)
    x, W = rng.normal(size=3), rng.normal(size=(3, 2))
    add("dense", [x, W, 0.5], x @ W + 0.5)

    architectures = [
        [(3, 4, "sigmoid"), (4, 1, "identity")],
        [(2, 3, "tanh"), (3, 3, "softmax")],
        [(3, 5, "relu"), (5, 4, "sigmoid"), (4, 2, "identity")],
        [(4, 2, "relu"), (2, 2, "softmax")],
    ]
    for index, layers in enumerate(architectures):
        X = rng.normal(size=layers[0][0]) if index == 3 else rng.normal(size=(5, layers[0][0]))
        args, h = [X], X
        for d_in, d_out, activation in layers:
            W, b = rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
            args += [W, b, activation]
            h = ACTIVATION[activation](h @ W + b)
        add("mlp", args, h)


# ---------------------------------------------------------------- numgrad

def numgrad_cases():
    sigmoid = scipy.special.expit
    # The rubric's two-layer regression loss: L(W) = sum((y - with_bias(sigmoid(X*W')) * v).^2)
    for n, d, h in ((5, 3, 2), (8, 2, 3)):
        X, W, v, y = rng.normal(size=(n, d)), rng.normal(size=(h, d)), rng.normal(size=h + 1), rng.normal(size=n)
        H = sigmoid(X @ W.T)
        r = y - np.hstack([np.ones((n, 1)), H]) @ v
        dZ = (-2 * np.outer(r, v[1:])) * H * (1 - H)
        add("numgrad", [fn_arg("L"), W], dZ.T @ X, setup=["L(W) = sum((y - with_bias(sigmoid(X*W')) * v).^2)"],
            scope={"X": X, "y": y, "v": v}, tolerance=NUMGRAD_TOLERANCE)

    w = rng.normal(size=4)
    add("numgrad", [fn_arg("f"), w], 2 * w + np.array([3.0, 0, 0, 0]), setup=["f(w) = sum(w.^2) + 3 * w[1]"],
        tolerance=NUMGRAD_TOLERANCE)

    x = float(rng.normal())
    add("numgrad", [fn_arg("g"), x], (np.sin(x) + np.cos(x)) * np.exp(x), setup=["g(x) = sin(x) * exp(x)"],
        tolerance=NUMGRAD_TOLERANCE)

    X, y, w = rng.normal(size=(6, 3)), rng.integers(0, 2, 6).astype(float), rng.normal(size=3) * 0.5
    add("numgrad", [fn_arg("loss"), w], X.T @ (sigmoid(X @ w) - y) / 6, setup=["loss(w) = bce(y, sigmoid(X * w))"],
        scope={"X": X, "y": y}, tolerance=NUMGRAD_TOLERANCE)

    X, W = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)) * 0.5
    Y = np.eye(4)[rng.integers(0, 4, 5)]
    P = scipy.special.softmax(X @ W, axis=1)
    add("numgrad", [fn_arg("loss"), W], X.T @ (P - Y) / 5, setup=["loss(W) = cce(Y, softmax(X * W))"],
        scope={"X": X, "Y": Y}, tolerance=NUMGRAD_TOLERANCE)

    X, y, w = rng.normal(size=(7, 2)), rng.normal(size=7), rng.normal(size=2)
    add("numgrad", [fn_arg("loss"), w], 2 / 7 * X.T @ (X @ w - y), setup=["loss(w) = mse(y, X * w)"],
        scope={"X": X, "y": y}, tolerance=NUMGRAD_TOLERANCE)


def main():
    confusion_metric_cases()
    named_class_cases()
    confusion_cases()
    roc_auc_cases()
    information_cases()
    activation_cases()
    loss_cases()
    layer_cases()
    numgrad_cases()
    header = {"generator": "scripts/make-engine-fixtures.py", "seed": SEED,
              "sklearn": sklearn.__version__, "numpy": np.__version__}
    lines = [json.dumps(case, allow_nan=False) for case in cases]
    text = json.dumps(header)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
