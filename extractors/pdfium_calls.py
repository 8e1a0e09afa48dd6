"""The pdfium functions, structures and constants the PDF reader uses, declared on the library that
pypdfium2 ships (pypdfium2_raw/libpdfium.so, pdfium.dll or libpdfium.dylib, as its bindings find it).

Why not pypdfium2's bindings: importing them declares every pdfium function, some 30 ms at each start,
where the reader calls thirty. Handles and out-parameters are plain addresses (c_void_p), which
ctypes converts several times faster than typed pointers; the character loop makes six calls per
glyph. tests/test_pdf_reader.py checks these declarations against pypdfium2's.
"""
from __future__ import annotations

import ctypes
import importlib.util
from pathlib import Path

_LIBRARY_NAMES = ("libpdfium.so", "pdfium.dll", "libpdfium.dylib")  # Linux, Windows, macOS


def _open_library() -> ctypes.CDLL:
    spec = importlib.util.find_spec("pypdfium2_raw")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    for name in _LIBRARY_NAMES:
        if folder is not None and (folder / name).is_file():
            return ctypes.CDLL(str(folder / name))  # the same library pypdfium2 loads, if it is used too
    from pypdfium2_raw import bindings  # a layout not known here (a system pdfium): the bindings find it

    return bindings._libs["pdfium"]


_LIB = _open_library()
_P, _I, _F, _D = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double


def _declare(name: str, restype, *argtypes):
    function = _LIB[name]
    function.restype, function.argtypes = restype, argtypes
    return function


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in "abcdef"]


class FS_RECTF(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in ("left", "top", "right", "bottom")]


class FPDF_LIBRARY_CONFIG(ctypes.Structure):  # version 2 of the structure: pdfium reads no further
    _fields_ = [("version", ctypes.c_int), ("m_pUserFontPaths", ctypes.c_void_p),
                ("m_pIsolate", ctypes.c_void_p), ("m_v8EmbedderSlot", ctypes.c_uint)]


FPDF_ERR_PASSWORD = 4
FPDF_ERR_SECURITY = 5
FPDF_PAGEOBJ_PATH = 2
FPDF_PAGEOBJ_IMAGE = 3
FPDF_PAGEOBJ_FORM = 5
FPDF_SEGMENT_MOVETO = 2

FPDF_InitLibraryWithConfig = _declare("FPDF_InitLibraryWithConfig", None, _P)
FPDF_LoadMemDocument64 = _declare("FPDF_LoadMemDocument64", _P, _P, ctypes.c_size_t, ctypes.c_char_p)
FPDF_GetLastError = _declare("FPDF_GetLastError", ctypes.c_ulong)
FPDF_GetPageCount = _declare("FPDF_GetPageCount", _I, _P)
FPDF_CloseDocument = _declare("FPDF_CloseDocument", None, _P)
FPDF_LoadPage = _declare("FPDF_LoadPage", _P, _P, _I)
FPDF_ClosePage = _declare("FPDF_ClosePage", None, _P)
FPDF_GetPageWidthF = _declare("FPDF_GetPageWidthF", _F, _P)
FPDF_GetPageHeightF = _declare("FPDF_GetPageHeightF", _F, _P)
FPDFPage_GetMediaBox = _declare("FPDFPage_GetMediaBox", _I, _P, _P, _P, _P, _P)

FPDFText_LoadPage = _declare("FPDFText_LoadPage", _P, _P)
FPDFText_ClosePage = _declare("FPDFText_ClosePage", None, _P)
FPDFText_CountChars = _declare("FPDFText_CountChars", _I, _P)
FPDFText_GetUnicode = _declare("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
FPDFText_GetText = _declare("FPDFText_GetText", _I, _P, _I, _I, _P)
FPDFText_HasUnicodeMapError = _declare("FPDFText_HasUnicodeMapError", _I, _P, _I)
FPDFText_GetMatrix = _declare("FPDFText_GetMatrix", _I, _P, _I, _P)
FPDFText_GetFontSize = _declare("FPDFText_GetFontSize", _D, _P, _I)
FPDFText_GetLooseCharBox = _declare("FPDFText_GetLooseCharBox", _I, _P, _I, _P)
FPDFText_GetCharOrigin = _declare("FPDFText_GetCharOrigin", _I, _P, _I, _P, _P)
FPDFText_GetTextObject = _declare("FPDFText_GetTextObject", _P, _P, _I)

FPDFPage_CountObjects = _declare("FPDFPage_CountObjects", _I, _P)
FPDFPage_GetObject = _declare("FPDFPage_GetObject", _P, _P, _I)
FPDFFormObj_CountObjects = _declare("FPDFFormObj_CountObjects", _I, _P)
FPDFFormObj_GetObject = _declare("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
FPDFPageObj_GetType = _declare("FPDFPageObj_GetType", _I, _P)
FPDFPageObj_GetMatrix = _declare("FPDFPageObj_GetMatrix", _I, _P, _P)
FPDFPageObj_GetBounds = _declare("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P)
FPDFPath_CountSegments = _declare("FPDFPath_CountSegments", _I, _P)
FPDFPath_GetPathSegment = _declare("FPDFPath_GetPathSegment", _P, _P, _I)
FPDFPathSegment_GetPoint = _declare("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
FPDFPathSegment_GetType = _declare("FPDFPathSegment_GetType", _I, _P)
FPDFPathSegment_GetClose = _declare("FPDFPathSegment_GetClose", _I, _P)

# pdfium initialises once per process (pypdfium2, if imported later to render scans, finds it done)
_CONFIG = FPDF_LIBRARY_CONFIG(version=2)
FPDF_InitLibraryWithConfig(ctypes.addressof(_CONFIG))


_UNCHECKED = ctypes.PyDLL(_LIB._name, handle=_LIB._handle)  # the same library, called holding the GIL


def unchecked(declared, result: bool = True):
    """A declared function again, for calls made once per glyph: without its argument types (given
    ctypes objects - c_void_p handles and addresses - and ints for indexes, ctypes passes them as they
    are) and holding the GIL (these calls take well under a microsecond): about 40 % of the cost of a
    checked call. result=False: a call made for its out-parameters, whose result is not converted."""
    function = _UNCHECKED[declared.__name__]
    function.restype = declared.restype if result else None
    return function


def addresses(array) -> list[int]:
    """The address of each item of a ctypes array, for out-parameters."""
    return [ctypes.addressof(array) + k * ctypes.sizeof(array._type_) for k in range(len(array))]
