; Inno Setup 6 script for Torch Setup Wizard (Windows x64).
; Build the one-folder bundle first on Windows:  pyinstaller --noconfirm packaging\torch-setup-wizard.spec
; then:  iscc packaging\windows\installer.iss      → dist\torch-setup-wizard-0.1.0-windows-x64-setup.exe
; Keep AppVersion in step with wizard/__init__.py (tests/packaging/test_windows_files.py checks it).
;
; Installs per user by default (no admin rights needed: students on lab machines rarely have them;
; the files go to %LOCALAPPDATA%\Programs), adds a Start menu shortcut to the windowed executable,
; and optionally puts the command line executable on the user's PATH (removed again on uninstall).

#define AppName "Torch Setup Wizard"
#define AppVersion "0.1.0"
#define AppExe "torch-setup-wizard-gui.exe"
#define CliExe "torch-setup-wizard.exe"
#define BundleDir "..\..\dist\torch-setup-wizard"

[Setup]
AppId={{6B0E5C6A-3E2F-4C55-9C0B-1D7B2A6F4E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Torch Setup Wizard developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Torch Setup Wizard
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; A helpdesk may still choose "install for all users" (asks for admin rights then).
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 runs on Windows 10 and later only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=torch-setup-wizard-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=torch-setup-wizard.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
; The user PATH only: an all-users install would need the machine PATH, which this script does not touch.
Name: "addtopath"; Description: "Add the torch-setup-wizard command to my PATH (for the helpdesk's headless check)"; \
    Flags: unchecked; Check: not IsAdminInstallMode

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Appends the folder to the user's PATH when the task is chosen; CurUninstallStepChanged takes it out again.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[UninstallDelete]
; The probe scripts are run by the user's own Pythons, which may leave compiled files beside them.
Type: filesandordirs; Name: "{app}\_internal\wizard\probe\__pycache__"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function SamePath(A, B: string): Boolean;
begin
  Result := CompareText(RemoveBackslashUnlessRoot(A), RemoveBackslashUnlessRoot(B)) = 0;
end;

function NeedsAddPath(Dir: string): Boolean;
var
  Paths, Rest, Entry: string;
  Cut: Integer;
begin
  Result := True;
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
    exit;
  Rest := Paths + ';';
  while Rest <> '' do
  begin
    Cut := Pos(';', Rest);
    Entry := Copy(Rest, 1, Cut - 1);
    Delete(Rest, 1, Cut);
    if (Entry <> '') and SamePath(Entry, Dir) then
    begin
      Result := False;
      exit;
    end;
  end;
end;

function PathWithout(Paths, Dir: string): string;
var
  Rest, Entry: string;
  Cut: Integer;
begin
  Result := '';
  Rest := Paths + ';';
  while Rest <> '' do
  begin
    Cut := Pos(';', Rest);
    Entry := Copy(Rest, 1, Cut - 1);
    Delete(Rest, 1, Cut);
    if (Entry <> '') and not SamePath(Entry, Dir) then
    begin
      if Result <> '' then
        Result := Result + ';';
      Result := Result + Entry;
    end;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Paths, Kept: string;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
    exit;
  Kept := PathWithout(Paths, ExpandConstant('{app}'));
  if Kept <> Paths then
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Kept);
end;
