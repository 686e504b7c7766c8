// RUN: %dumpcheck --verify %s
// Registry-reading shape of a disk-encryption driver's DriverEntry: a helper
// allocates the value into an out-parameter; DriverEntry holds one value
// ("Start") and, before freeing it, calls a probe that reads another value
// through the same helper and frees its own copy. Each block is freed once.
// Correct code; dumpcheck reported '*Value' released twice, because both
// allocations (made by the same ExAllocatePoolWithTag call in the helper)
// were one abstract object. The finding also names the block by the helper's
// parameter ('*Value') rather than the caller's variable.

#include <ntddk.h>
#include <ntdddump.h>

// expected-no-diagnostics

static NTSTATUS ReadValue(PUNICODE_STRING KeyPath, PCWSTR ValueName, PKEY_VALUE_PARTIAL_INFORMATION *Value)
{
    OBJECT_ATTRIBUTES attributes;
    UNICODE_STRING name;
    HANDLE key;
    ULONG size = 0, returned;
    NTSTATUS status;

    InitializeObjectAttributes(&attributes, KeyPath, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ZwOpenKey(&key, KEY_READ, &attributes);
    if (!NT_SUCCESS(status))
        return status;
    RtlInitUnicodeString(&name, ValueName);
    (void)ZwQueryValueKey(key, &name, KeyValuePartialInformation, NULL, 0, &size);
    if (size == 0) {
        ZwClose(key);
        return STATUS_NO_DATA_DETECTED;
    }
    *Value = ExAllocatePoolWithTag(NonPagedPool, size, 'geRD');
    if (*Value == NULL) {
        ZwClose(key);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = ZwQueryValueKey(key, &name, KeyValuePartialInformation, *Value, size, &returned);
    ZwClose(key);
    if (!NT_SUCCESS(status)) {
        ExFreePoolWithTag(*Value, 'geRD');
        *Value = NULL;
    }
    return status;
}

static BOOLEAN IsClassFilterListed(void)
{
    UNICODE_STRING path;
    PKEY_VALUE_PARTIAL_INFORMATION filters;
    BOOLEAN listed = FALSE;

    RtlInitUnicodeString(&path, L"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Class\\{x}");
    if (NT_SUCCESS(ReadValue(&path, L"UpperFilters", &filters))) {
        listed = filters->Type == REG_MULTI_SZ;
        ExFreePoolWithTag(filters, 'geRD');
    }
    return listed;
}

static BOOLEAN g_ClassFilterListed;

static NTSTATUS FilterUnload(PFILTER_EXTENSION FilterExtension)
{
    UNREFERENCED_PARAMETER(FilterExtension);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFILTER_INITIALIZATION_DATA init = (PFILTER_INITIALIZATION_DATA)RegistryPath;
    PKEY_VALUE_PARTIAL_INFORMATION start;

    UNREFERENCED_PARAMETER(DriverObject);
    if (NT_SUCCESS(ReadValue(RegistryPath, L"Start", &start))) {
        if (start->Type == REG_DWORD && *(ULONG *)start->Data == SERVICE_BOOT_START)
            g_ClassFilterListed = IsClassFilterListed();
        ExFreePoolWithTag(start, 'geRD');
    }

    init->MajorVersion = DUMP_FILTER_MAJOR_VERSION;
    init->MinorVersion = DUMP_FILTER_MINOR_VERSION;
    init->DumpUnload = FilterUnload;
    return STATUS_SUCCESS;
}
