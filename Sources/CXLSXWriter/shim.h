// libxlsxwriter: writes Office Open XML spreadsheets.
#include <xlsxwriter.h>
