// SPDX-License-Identifier: GPL-2.0
/*
 * io/security.c - IoCreateDeviceSecure() (<wdmsec.h>): the SDDL string
 * of a device becomes the mode of the /dev nodes of its symbolic links.
 *
 * The subset of SDDL that IoCreateDeviceSecure accepts on Windows is
 * parsed: "D:P" followed by "(A;;rights;;;SID)" entries, rights either a
 * 0x hex ACCESS_MASK or two-letter codes (GA GR GW GX, RC SD WD WO, FA FR
 * FW FX). Anything else is STATUS_INVALID_PARAMETER. How rights and SIDs
 * map onto the owner, group and other bits is told in wdmsec.h. The
 * device class GUID (whose registry key could override the SDDL on
 * Windows) is not consulted.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include "io.h"
#include <wdmsec.h>

/* The SDDL strings of <wdmsec.h>. */
const UNICODE_STRING SDDL_DEVOBJ_KERNEL_ONLY = RTL_CONSTANT_STRING(L"D:P");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_KERNEL_ONLY);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_ALL);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RX =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GRGX;;;BA)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_RX);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R_RES_R =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)(A;;GR;;;RC)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R_RES_R);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R);

const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX =
	RTL_CONSTANT_STRING(L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)");
EXPORT_SYMBOL_WDM(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX);

/* A cursor over the characters of an SDDL string. */
struct wdm_sddl {
	const WCHAR *p, *end;
};

static bool wdm_sddl_take(struct wdm_sddl *s, const char *text)
{
	size_t n = strlen(text), i;

	if (s->end - s->p < (long)n)
		return false;
	for (i = 0; i < n; i++)
		if (s->p[i] != (unsigned char)text[i])
			return false;
	s->p += n;
	return true;
}

static const struct {
	char code[3];
	ACCESS_MASK mask;
} wdm_sddl_rights[] = {
	{ "GA", GENERIC_ALL }, { "GR", GENERIC_READ },
	{ "GW", GENERIC_WRITE }, { "GX", GENERIC_EXECUTE },
	{ "RC", READ_CONTROL }, { "SD", DELETE }, { "WD", WRITE_DAC },
	{ "WO", WRITE_OWNER }, { "FA", FILE_ALL_ACCESS },
	{ "FR", FILE_READ_DATA }, { "FW", FILE_WRITE_DATA },
	{ "FX", FILE_EXECUTE },
};

/* The rights of one entry, up to its next ';'. */
static bool wdm_sddl_access(struct wdm_sddl *s, ACCESS_MASK *mask)
{
	unsigned int i, digits = 0;

	*mask = 0;
	if (wdm_sddl_take(s, "0x")) {
		for (; s->p < s->end && *s->p != ';'; s->p++, digits++) {
			WCHAR c = *s->p;

			if (c > 0x7f || !isxdigit(c) || digits == 8)
				return false;
			*mask = *mask << 4 | hex_to_bin(c);
		}
		return digits;
	}
	while (s->p < s->end && *s->p != ';') {
		for (i = 0; i < ARRAY_SIZE(wdm_sddl_rights); i++)
			if (wdm_sddl_take(s, wdm_sddl_rights[i].code))
				break;
		if (i == ARRAY_SIZE(wdm_sddl_rights))
			return false;
		*mask |= wdm_sddl_rights[i].mask;
	}
	return *mask;
}

/* rw bits (as for "other") of an access mask. */
static umode_t wdm_sddl_bits(ACCESS_MASK mask)
{
	umode_t bits = 0;

	if (mask & (GENERIC_ALL | GENERIC_READ | FILE_READ_DATA))
		bits |= 04;
	if (mask & (GENERIC_ALL | GENERIC_WRITE | FILE_WRITE_DATA |
		    FILE_APPEND_DATA))
		bits |= 02;
	return bits;
}

static const char *const wdm_sddl_world[] = {
	"WD", "AU", "BU", "BG", "AN", "IU", "NU",
};

static const char *const wdm_sddl_nobody[] = {
	"SY", "LS", "NS", "SU", "RC",
};

/**
 * wdm_sddl_mode() - the /dev node mode an SDDL string for a device object
 * gives
 * @sddl: the string, in the subset IoCreateDeviceSecure() accepts
 *
 * Return: the mode (0 to 0666), or -EINVAL for a string outside the
 * subset.
 */
int wdm_sddl_mode(PCUNICODE_STRING sddl)
{
	struct wdm_sddl s;
	umode_t owner = 0, world = 0;
	ACCESS_MASK mask;
	unsigned int i;

	if (!sddl || !sddl->Buffer || (sddl->Length & 1))
		return -EINVAL;
	s.p = sddl->Buffer;
	s.end = sddl->Buffer + sddl->Length / sizeof(WCHAR);
	if (!wdm_sddl_take(&s, "D:P"))
		return -EINVAL;
	while (s.p < s.end) {
		if (!wdm_sddl_take(&s, "(A;;") || !wdm_sddl_access(&s, &mask) ||
		    !wdm_sddl_take(&s, ";;;"))
			return -EINVAL;
		if (wdm_sddl_take(&s, "BA")) {
			owner |= wdm_sddl_bits(mask);
		} else {
			for (i = 0; i < ARRAY_SIZE(wdm_sddl_world); i++)
				if (wdm_sddl_take(&s, wdm_sddl_world[i]))
					break;
			if (i < ARRAY_SIZE(wdm_sddl_world)) {
				world |= wdm_sddl_bits(mask);
			} else {
				for (i = 0; i < ARRAY_SIZE(wdm_sddl_nobody); i++)
					if (wdm_sddl_take(&s, wdm_sddl_nobody[i]))
						break;
				if (i == ARRAY_SIZE(wdm_sddl_nobody))
					return -EINVAL;
			}
		}
		if (!wdm_sddl_take(&s, ")"))
			return -EINVAL;
	}
	return owner << 6 | world << 3 | world;
}
EXPORT_SYMBOL_WDM(wdm_sddl_mode);

/**
 * IoCreateDeviceSecure() - IoCreateDevice() with the access an SDDL
 * string grants
 * @DriverObject: the creating driver
 * @DeviceExtensionSize: bytes of zeroed device extension
 * @DeviceName: \Device\X name, or NULL
 * @DeviceType: FILE_DEVICE_*
 * @DeviceCharacteristics: FILE_* characteristics
 * @Exclusive: only one open file at a time
 * @DefaultSDDLString: an SDDL_DEVOBJ_* string or another in the subset
 *	(see wdmsec.h): the mode of the /dev node of every symbolic link
 *	later created to the device
 * @DeviceClassGuid: ignored (no registry overrides)
 * @DeviceObject: receives the device
 *
 * Return: as IoCreateDevice(), or STATUS_INVALID_PARAMETER for an SDDL
 * string outside the subset (no device is created).
 */
NTSTATUS NTAPI IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject,
				    ULONG DeviceExtensionSize,
				    PUNICODE_STRING DeviceName,
				    DEVICE_TYPE DeviceType,
				    ULONG DeviceCharacteristics,
				    BOOLEAN Exclusive,
				    PCUNICODE_STRING DefaultSDDLString,
				    LPCGUID DeviceClassGuid,
				    PDEVICE_OBJECT *DeviceObject)
{
	int mode = wdm_sddl_mode(DefaultSDDLString);
	NTSTATUS status;

	*DeviceObject = NULL;
	if (mode < 0) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with an SDDL string outside the device-object subset",
			   __func__);
		return STATUS_INVALID_PARAMETER;
	}
	status = IoCreateDevice(DriverObject, DeviceExtensionSize, DeviceName,
				DeviceType, DeviceCharacteristics, Exclusive,
				DeviceObject);
	if (NT_SUCCESS(status))
		wdm_device_of(*DeviceObject)->node_mode = mode;
	return status;
}
EXPORT_SYMBOL_WDM(IoCreateDeviceSecure);
