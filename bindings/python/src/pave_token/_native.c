/*
 * pave_token._native: the C ABI of libpave_token for CPython, against the
 * limited API (one abi3 wheel for CPython 3.8 and later), with the static
 * library linked in, so the wheel carries no separate shared library and
 * needs no loader search.
 *
 * Arguments: str is passed as its UTF-8 bytes (CPython's cached encoding,
 * no copy), bytes as they are; bytearray and memoryview are copied to bytes
 * first. The GIL is kept: a token takes about 0.2 us, less than releasing
 * and taking back the GIL would cost.
 */
#define PY_SSIZE_T_CLEAN
#ifndef Py_LIMITED_API
#define Py_LIMITED_API 0x03080000
#endif
#include <Python.h>

#include <pave_token.h>

/* pave_token.PaveError, set by the package when it is imported. */
static PyObject *error_type;

static PyObject *fail(pave_status status) {
    PyObject *type = error_type ? error_type : PyExc_ValueError;
    PyObject *error = PyObject_CallFunction(type, "Is", (unsigned)status, pave_status_message(status));
    if (error) {
        PyErr_SetObject(type, error);
        Py_DECREF(error);
    }
    return NULL;
}

/* One input's bytes; `owned` is a temporary to release after the call. */
typedef struct {
    const char *ptr;
    Py_ssize_t len;
    PyObject *owned;
} input;

static void release(input *in, int n) {
    for (int i = 0; i < n; i++) Py_CLEAR(in[i].owned);
}

/* An "O&" converter: str (UTF-8) and bytes without a copy, bytearray and
 * memoryview through bytes(); anything else is a TypeError. */
static int as_input(PyObject *obj, void *out) {
    input *in = out;
    in->owned = NULL;
    if (PyUnicode_Check(obj) || PyBytes_Check(obj)) return PyArg_Parse(obj, "s#", &in->ptr, &in->len);
    if (PyByteArray_Check(obj) || PyMemoryView_Check(obj)) {
        in->owned = PyObject_Bytes(obj);
        if (!in->owned) return 0;
        return PyBytes_AsStringAndSize(in->owned, (char **)&in->ptr, &in->len) == 0;
    }
    PyErr_Format(PyExc_TypeError, "expected str or bytes, not %R", (PyObject *)Py_TYPE(obj));
    return 0;
}

/* A time format: an int (TimeFormat is an IntEnum) in uint32_t's range. */
static int as_format(PyObject *obj, void *out) {
    long long value = PyLong_AsLongLong(obj);
    if (value == -1 && PyErr_Occurred()) return 0;
    if (value < 0 || value > 0xFFFFFFFFLL) {
        fail(PAVE_ERR_INVALID_ARGUMENT);
        return 0;
    }
    *(pave_time_format *)out = (pave_time_format)value;
    return 1;
}

static PyObject *ascii(const char *s, Py_ssize_t n) { return PyUnicode_DecodeASCII(s, n, "strict"); }

static PyObject *token(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"username", "api_key", "timestamp", "api_secret", NULL};
    input in[4];
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&O&O&O&:token", names, as_input, &in[0], as_input, &in[1],
                                     as_input, &in[2], as_input, &in[3]))
        return NULL;
    char out[PAVE_TOKEN_SIZE];
    pave_status st = pave_token(in[0].ptr, (size_t)in[0].len, in[1].ptr, (size_t)in[1].len, in[2].ptr,
                                (size_t)in[2].len, in[3].ptr, (size_t)in[3].len, out, sizeof out);
    release(in, 4);
    return st == PAVE_OK ? ascii(out, PAVE_TOKEN_LEN) : fail(st);
}

static PyObject *pair(const char *ts, const char *tok) {
    PyObject *a = ascii(ts, (Py_ssize_t)strlen(ts)), *b = a ? ascii(tok, PAVE_TOKEN_LEN) : NULL;
    PyObject *result = b ? PyTuple_Pack(2, a, b) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return result;
}

static PyObject *token_now(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"username", "api_key", "api_secret", "format", NULL};
    input in[3];
    pave_time_format format = PAVE_TIME_RFC3339;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&O&O&|O&:token_now", names, as_input, &in[0], as_input, &in[1],
                                     as_input, &in[2], as_format, &format))
        return NULL;
    char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE];
    pave_status st = pave_token_now(in[0].ptr, (size_t)in[0].len, in[1].ptr, (size_t)in[1].len, in[2].ptr,
                                    (size_t)in[2].len, format, ts, sizeof ts, tok, sizeof tok);
    release(in, 3);
    return st == PAVE_OK ? pair(ts, tok) : fail(st);
}

static PyObject *verify(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"username", "api_key", "timestamp", "api_secret", "token", NULL};
    input in[5];
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&O&O&O&O&:verify", names, as_input, &in[0], as_input, &in[1],
                                     as_input, &in[2], as_input, &in[3], as_input, &in[4]))
        return NULL;
    pave_status st = pave_token_verify(in[0].ptr, (size_t)in[0].len, in[1].ptr, (size_t)in[1].len, in[2].ptr,
                                       (size_t)in[2].len, in[3].ptr, (size_t)in[3].len, in[4].ptr, (size_t)in[4].len);
    release(in, 5);
    if (st == PAVE_OK) Py_RETURN_TRUE;
    if (st == PAVE_ERR_TOKEN_MISMATCH) Py_RETURN_FALSE;
    return fail(st);
}

static PyObject *timestamp_of(PyObject *self, PyObject *args) {
    long long unix_seconds;
    unsigned long long millis;
    pave_time_format format;
    (void)self;
    if (!PyArg_ParseTuple(args, "LO&K:timestamp", &unix_seconds, as_format, &format, &millis)) return NULL;
    if (millis > 0xFFFFFFFFULL) return fail(PAVE_ERR_INVALID_ARGUMENT);
    char out[PAVE_TIMESTAMP_SIZE];
    size_t len = 0;
    pave_status st = pave_timestamp((int64_t)unix_seconds, (uint32_t)millis, format, out, sizeof out, &len);
    return st == PAVE_OK ? ascii(out, (Py_ssize_t)len) : fail(st);
}

static PyObject *timestamp_now(PyObject *self, PyObject *arg) {
    pave_time_format format;
    (void)self;
    if (!as_format(arg, &format)) return NULL;
    char out[PAVE_TIMESTAMP_SIZE];
    size_t len = 0;
    pave_status st = pave_timestamp_now(format, out, sizeof out, &len);
    return st == PAVE_OK ? ascii(out, (Py_ssize_t)len) : fail(st);
}

static PyObject *parse_timestamp(PyObject *self, PyObject *arg) {
    input in;
    (void)self;
    if (!as_input(arg, &in)) return NULL;
    int64_t seconds = 0;
    pave_status st = pave_timestamp_parse(in.ptr, (size_t)in.len, &seconds);
    release(&in, 1);
    return st == PAVE_OK ? PyLong_FromLongLong(seconds) : fail(st);
}

static PyObject *version(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyUnicode_FromString(pave_version());
}

static PyObject *set_error_type(PyObject *self, PyObject *type) {
    (void)self;
    PyObject *old = error_type;
    Py_INCREF(type);
    error_type = type;
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

/* ---------- Signer ---------- */

typedef struct {
    PyObject_HEAD
    pave_signer *signer;
} Signer;

static int signer_init(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"username", "api_key", "api_secret", NULL};
    input in[3];
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&O&O&:Signer", names, as_input, &in[0], as_input, &in[1],
                                     as_input, &in[2]))
        return -1;
    Signer *s = (Signer *)self;
    pave_signer *old = s->signer;
    pave_status st = pave_signer_new(in[0].ptr, (size_t)in[0].len, in[1].ptr, (size_t)in[1].len, in[2].ptr,
                                     (size_t)in[2].len, &s->signer);
    release(in, 3);
    pave_signer_free(old);
    if (st != PAVE_OK) {
        fail(st);
        return -1;
    }
    return 0;
}

static pave_signer *live(PyObject *self) {
    pave_signer *signer = ((Signer *)self)->signer;
    if (!signer) PyErr_SetString(PyExc_ValueError, "pave_token: signer is closed");
    return signer;
}

static PyObject *signer_token(PyObject *self, PyObject *arg) {
    pave_signer *signer = live(self);
    input in;
    if (!signer || !as_input(arg, &in)) return NULL;
    char out[PAVE_TOKEN_SIZE];
    pave_status st = pave_signer_token(signer, in.ptr, (size_t)in.len, out, sizeof out);
    release(&in, 1);
    return st == PAVE_OK ? ascii(out, PAVE_TOKEN_LEN) : fail(st);
}

static PyObject *signer_token_now(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"format", NULL};
    pave_time_format format = PAVE_TIME_RFC3339;
    pave_signer *signer = live(self);
    if (!signer || !PyArg_ParseTupleAndKeywords(args, kwargs, "|O&:token_now", names, as_format, &format))
        return NULL;
    char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE];
    pave_status st = pave_signer_token_now(signer, format, ts, sizeof ts, tok, sizeof tok);
    return st == PAVE_OK ? pair(ts, tok) : fail(st);
}

static PyObject *signer_close(PyObject *self, PyObject *unused) {
    (void)unused;
    Signer *s = (Signer *)self;
    pave_signer_free(s->signer); /* NULL is a no-op: close() twice is fine */
    s->signer = NULL;
    Py_RETURN_NONE;
}

static void signer_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    pave_signer_free(((Signer *)self)->signer);
    freefunc free_self = (freefunc)PyType_GetSlot(type, Py_tp_free);
    free_self(self);
    Py_DECREF(type);
}

static PyMethodDef signer_methods[] = {
    {"token", signer_token, METH_O, "The token for a timestamp (str or bytes), signed as given."},
    {"token_now", (PyCFunction)(void (*)(void))signer_token_now, METH_VARARGS | METH_KEYWORDS,
     "Signs the current time: (timestamp, token)."},
    {"close", signer_close, METH_NOARGS, "Frees the signer and wipes its key material; twice is fine."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot signer_slots[] = {
    {Py_tp_doc, "One account's signer: the key schedule and message prefix hashed once."},
    {Py_tp_init, signer_init},
    {Py_tp_dealloc, signer_dealloc},
    {Py_tp_methods, signer_methods},
    {0, NULL},
};

static PyType_Spec signer_spec = {"pave_token._native.Signer", sizeof(Signer), 0,
                                  Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, signer_slots};

/* ---------- module ---------- */

static PyMethodDef functions[] = {
    {"token", (PyCFunction)(void (*)(void))token, METH_VARARGS | METH_KEYWORDS,
     "token(username, api_key, timestamp, api_secret) -> str"},
    {"token_now", (PyCFunction)(void (*)(void))token_now, METH_VARARGS | METH_KEYWORDS,
     "token_now(username, api_key, api_secret, format=RFC3339) -> (timestamp, token)"},
    {"verify", (PyCFunction)(void (*)(void))verify, METH_VARARGS | METH_KEYWORDS,
     "verify(username, api_key, timestamp, api_secret, token) -> bool"},
    {"timestamp", timestamp_of, METH_VARARGS, "timestamp(unix, format, millis) -> str"},
    {"timestamp_now", timestamp_now, METH_O, "timestamp_now(format) -> str"},
    {"parse_timestamp", parse_timestamp, METH_O, "parse_timestamp(value) -> int"},
    {"version", version, METH_NOARGS, "The library's version."},
    {"_set_error_type", set_error_type, METH_O, "Sets the exception type failures raise."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", NULL, -1, functions, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__native(void) {
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    PyObject *type = PyType_FromSpec(&signer_spec);
    if (!type || PyModule_AddObject(m, "Signer", type) < 0) {
        Py_XDECREF(type);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "TOKEN_SIZE", PAVE_TOKEN_SIZE) < 0 ||
        PyModule_AddIntConstant(m, "TIMESTAMP_SIZE", PAVE_TIMESTAMP_SIZE) < 0 ||
        PyModule_AddIntConstant(m, "TIME_RFC3339", PAVE_TIME_RFC3339) < 0 ||
        PyModule_AddIntConstant(m, "TIME_UNIX", PAVE_TIME_UNIX) < 0 ||
        PyModule_AddIntConstant(m, "TIME_RFC3339_MILLIS", PAVE_TIME_RFC3339_MILLIS) < 0 ||
        PyModule_AddIntConstant(m, "INVALID_ARGUMENT", PAVE_ERR_INVALID_ARGUMENT) < 0 ||
        PyModule_AddIntConstant(m, "INVALID_TIMESTAMP", PAVE_ERR_INVALID_TIMESTAMP) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
