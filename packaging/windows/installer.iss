; Inno Setup script for Torch Setup Wizard (Windows x64).
; Build the one-folder bundle first on Windows:  pyinstaller --noconfirm packaging\torch-setup-wizard.spec
; then:  iscc packaging\windows\installer.iss      → dist\torch-setup-wizard-0.1.0-windows-x64-setup.exe
;
; Installs per user by default (no admin rights needed: students on lab machines rarely have them),
; adds a Start menu shortcut to the windowed executable, and optionally puts the CLI on the user PATH.

#define AppName "Torch Setup Wizard"
#define AppVersion "0.1.0"
#define AppExe "torch-setup-wizard-gui.exe"
#define CliExe "torch-setup-wizard.exe"
#define BundleDir "..\..\dist\torch-setup-wizard"

[Setup]
AppId={{6B0E5C6A-3E2F-4C55-9C0B-1D7B2A6F4E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Torch Setup Wizard developers
DefaultDirName={autopf}\Torch Setup Wizard
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=torch-setup-wizard-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=torch-setup-wizard.ico
UninstallDisplayIcon={app}\{#AppExe}
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the torch-setup-wizard command to my PATH (for the helpdesk's headless check)"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Per-user PATH entry, only when the task is chosen; removed again on uninstall.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
