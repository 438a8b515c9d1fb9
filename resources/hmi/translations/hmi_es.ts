<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name />
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="28" />
        <source>Shelve alarm</source>
        <translation>Archivar alarma</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="30" />
        <source>Why (required, kept in the journal)</source>
        <translation>Por qué (obligatorio, queda en el registro)</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="33" />
        <source>%n minutes</source>
        <translation>%n minutos</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="34" />
        <source>%n hours</source>
        <translation>%n horas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="39" />
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="40" />
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="60" />
        <source>Comment on alarm</source>
        <translation>Comentar alarma</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/dialogs.py" line="64" />
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="36" />
        <location filename="../../../hmi/_qt/alarms/view.py" line="116" />
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="36" />
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="36" />
        <location filename="../../../hmi/_qt/alarms/view.py" line="117" />
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="37" />
        <source>Alarm</source>
        <translation>Alarma</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="37" />
        <location filename="../../../hmi/_qt/alarms/view.py" line="118" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="37" />
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="38" />
        <source>Value / limit</source>
        <translation>Valor / límite</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="42" />
        <source>ACTIVE - unacknowledged</source>
        <translation>ACTIVA - sin reconocer</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="42" />
        <source>Active - acknowledged</source>
        <translation>Activa - reconocida</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="43" />
        <source>Cleared - unacknowledged</source>
        <translation>Normalizada - sin reconocer</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="43" />
        <source>Latched - reset needed</source>
        <translation>Enclavada - requiere rearme</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="44" />
        <source>Shelved</source>
        <translation>Archivada</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="44" />
        <source>Suppressed by design</source>
        <translation>Suprimida por diseño</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="45" />
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="45" />
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="49" />
        <source>1 Critical</source>
        <translation>1 Crítica</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="49" />
        <source>2 High</source>
        <translation>2 Alta</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="49" />
        <source>3 Medium</source>
        <translation>3 Media</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="50" />
        <source>4 Low</source>
        <translation>4 Baja</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="102" />
        <source>Consequence</source>
        <translation>Consecuencia</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="104" />
        <source>Response</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/table_model.py" line="106" />
        <source>Shelved until</source>
        <translation>Archivada hasta</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="115" />
        <source>Alarm summary</source>
        <translation>Resumen de alarmas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="119" />
        <source>Search alarm or message…</source>
        <translation>Buscar alarma o mensaje…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="120" />
        <source>Acknowledge selected</source>
        <translation>Reconocer seleccionadas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="121" />
        <source>Acknowledge page</source>
        <translation>Reconocer página</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="122" />
        <source>Shelve…</source>
        <translation>Archivar…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="123" />
        <source>Comment…</source>
        <translation>Comentar…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="124" />
        <location filename="../../../hmi/_qt/trends/view.py" line="121" />
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="125" />
        <source>NO LINK TO THE EDGE: the list below is the last one received</source>
        <translation>SIN ENLACE CON EL BORDE: la lista es la última recibida</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="135" />
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="162" />
        <source>Your role may not do this</source>
        <translation>Su rol no puede hacer esto</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="192" />
        <source>No link to the edge: action not sent</source>
        <translation>Sin enlace con el borde: la acción no se envió</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="205" />
        <source>Acknowledged: %n</source>
        <translation>Reconocidas: %n</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="217" />
        <source>Select the alarms to shelve</source>
        <translation>Seleccione las alarmas a archivar</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="228" />
        <source>Shelved: %n</source>
        <translation>Archivadas: %n</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="234" />
        <source>Select one alarm to comment on</source>
        <translation>Seleccione una alarma para comentar</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="243" />
        <source>Comment saved</source>
        <translation>Comentario guardado</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="247" />
        <source>Export alarms</source>
        <translation>Exportar alarmas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/alarms/view.py" line="251" />
        <source>Exported to %1</source>
        <translation>Exportado a %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="41" />
        <source>Oilfield HMI — log in</source>
        <translation>HMI del campo — ingreso</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="52" />
        <source>Remember me on this computer</source>
        <translation>Recordarme en esta computadora</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="57" />
        <source>The password is kept in the system keyring.</source>
        <translation>La contraseña se guarda en el llavero del sistema.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="61" />
        <source>This computer has no system keyring (Secret Service): the password cannot be remembered and will not be stored.</source>
        <translation>Esta computadora no tiene llavero del sistema (Secret Service): la contraseña no se puede recordar y no se guardará.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="71" />
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="72" />
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="73" />
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="78" />
        <source>Log in</source>
        <translation>Ingresar</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="79" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="97" />
        <source>Server, user and password are required.</source>
        <translation>Servidor, usuario y contraseña son obligatorios.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="112" />
        <source>The edge does not answer at this address.</source>
        <translation>El borde no responde en esta dirección.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/login/dialog.py" line="117" />
        <source>Could not store the password in the keyring.</source>
        <translation>No se pudo guardar la contraseña en el llavero.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
        <location filename="../../../hmi/_qt/overview/view.py" line="193" />
        <source>Liquid</source>
        <translation>Líquido</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
        <location filename="../../../hmi/_qt/overview/view.py" line="193" />
        <source>Oil</source>
        <translation>Petróleo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="24" />
        <location filename="../../../hmi/_qt/overview/view.py" line="193" />
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
        <source>THP</source>
        <translation>PCab</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
        <source>CHP</source>
        <translation>PCas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="25" />
        <source>Water cut</source>
        <translation>Corte de agua</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
        <source>Freq.</source>
        <translation>Frec.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
        <source>Motor T</source>
        <translation>T motor</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="26" />
        <source>SPM</source>
        <translation>GPM</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="27" />
        <source>Fill</source>
        <translation>Llenado</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="27" />
        <source>Inj. gas</source>
        <translation>Gas iny.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="34" />
        <source>UNKNOWN</source>
        <translation>DESCONOCIDO</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="35" />
        <source>RUNNING</source>
        <translation>EN MARCHA</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/tile.py" line="35" />
        <source>STOPPED</source>
        <translation>PARADO</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="36" />
        <source>Separator pressure</source>
        <translation>Presión del separador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="36" />
        <source>Separator level</source>
        <translation>Nivel del separador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="37" />
        <source>Inlet liquid</source>
        <translation>Líquido de entrada</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="37" />
        <source>Inlet oil</source>
        <translation>Petróleo de entrada</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="38" />
        <source>Separator gas</source>
        <translation>Gas del separador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="38" />
        <source>Oil tank 1 level</source>
        <translation>Nivel tanque de petróleo 1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="39" />
        <source>Oil tank 2 level</source>
        <translation>Nivel tanque de petróleo 2</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="39" />
        <source>Oil tank 3 level</source>
        <translation>Nivel tanque de petróleo 3</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="40" />
        <source>Water tank level</source>
        <translation>Nivel tanque de agua</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="40" />
        <source>LACT rate</source>
        <translation>Caudal LACT</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="41" />
        <source>LACT BS&amp;W</source>
        <translation>BS&amp;W LACT</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="91" />
        <source>Field overview</source>
        <translation>Resumen del campo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="92" />
        <source>Battery / facility</source>
        <translation>Batería / instalación</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="199" />
        <source>Field now</source>
        <translation>Campo ahora</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="200" />
        <source>(? n): n wells without a good value are not in the total</source>
        <translation>(? n): n pozos sin valor bueno no entran en el total</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="225" />
        <source>Production today: not available</source>
        <translation>Producción de hoy: no disponible</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/overview/view.py" line="230" />
        <source>Net oil delivered today (LACT): %1</source>
        <translation>Petróleo neto entregado hoy (LACT): %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="18" />
        <source>Good</source>
        <translation>Buena</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="19" />
        <source>Uncertain: the device flags this value as doubtful</source>
        <translation>Incierta: el equipo marca este valor como dudoso</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="20" />
        <source>Stale: not updated within its limit</source>
        <translation>Vencida: no se actualizó dentro de su límite</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="21" />
        <source>Bad: no communication with the device</source>
        <translation>Mala: sin comunicación con el equipo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="22" />
        <source>Bad: configuration error</source>
        <translation>Mala: error de configuración</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="23" />
        <source>No value: never read</source>
        <translation>Sin valor: nunca leída</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="24" />
        <source>No link to the edge: last known value</source>
        <translation>Sin enlace con el borde: último valor conocido</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="49" />
        <source>Read at</source>
        <translation>Leído a las</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/quality.py" line="51" />
        <source>Last good</source>
        <translation>Último bueno</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="73" />
        <source>Sound on</source>
        <translation>Sonido encendido</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="73" />
        <source>Sound off</source>
        <translation>Sonido apagado</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="74" />
        <source>Beep when a new unacknowledged alarm arrives</source>
        <translation>Pitido al llegar una alarma nueva sin reconocer</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="87" />
        <source>Unacknowledged alarms of this priority</source>
        <translation>Alarmas sin reconocer de esta prioridad</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="101" />
        <source>No unacknowledged alarms</source>
        <translation>Sin alarmas por reconocer</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/banner.py" line="103" />
        <source>+%n more</source>
        <translation>+%n más</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="50" />
        <source>ERP (production allocation, tickets)</source>
        <translation>ERP (asignación de producción, tickets)</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="51" />
        <source>Engineering (configuration, well tests)</source>
        <translation>Ingeniería (configuración, ensayos de pozo)</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="52" />
        <source>not part of this version</source>
        <translation>no incluido en esta versión</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="145" />
        <source>Oilfield control room</source>
        <translation>Sala de control del campo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="146" />
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="146" />
        <source>Wells</source>
        <translation>Pozos</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="146" />
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="147" />
        <location filename="../../../hmi/_qt/trends/view.py" line="118" />
        <source>Trends</source>
        <translation>Tendencias</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="147" />
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="147" />
        <source>Engineering</source>
        <translation>Ingeniería</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="150" />
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/main_window.py" line="163" />
        <source>NO LINK TO THE EDGE since %1. Values are the last known ones (hatched). Retrying…</source>
        <translation>SIN ENLACE CON EL BORDE desde %1. Los valores son los últimos conocidos (rayados). Reintentando…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="21" />
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="21" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="22" />
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="22" />
        <source>viewer</source>
        <translation>observador</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="58" />
        <source>Connected to the edge</source>
        <translation>Conectado al borde</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="60" />
        <source>NO LINK TO THE EDGE since %1, retrying</source>
        <translation>SIN ENLACE CON EL BORDE desde %1, reintentando</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="63" />
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="65" />
        <source>Not connected</source>
        <translation>No conectado</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="72" />
        <source>Comms failure: %n of %t devices (%1)</source>
        <translation>Falla de comunicación: %n de %t equipos (%1)</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/shell/status_bar.py" line="76" />
        <source>Comms OK: %n devices</source>
        <translation>Comunicaciones OK: %n equipos</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="119" />
        <source>Add pen</source>
        <translation>Agregar pluma</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="120" />
        <source>Remove all</source>
        <translation>Quitar todas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="122" />
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="139" />
        <source>Unknown tag: %1</source>
        <translation>Variable desconocida: %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="201" />
        <source>No pens: add a tag above</source>
        <translation>Sin plumas: agregue una variable arriba</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="215" />
        <source>Some data could not be loaded: %1</source>
        <translation>No se pudieron cargar algunos datos: %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="218" />
        <source>Hollow circles: periods with bad or missing samples. Requests so far: %n</source>
        <translation>Círculos huecos: períodos con muestras malas o faltantes. Consultas hasta ahora: %n</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="232" />
        <source>LIVE</source>
        <translation>EN VIVO</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="232" />
        <source>HISTORICAL</source>
        <translation>HISTÓRICO</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="264" />
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/trends/view.py" line="284" />
        <source>Export PNG</source>
        <translation>Exportar PNG</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="20" />
        <source>Confirm setpoint change</source>
        <translation>Confirmar cambio de consigna</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="21" />
        <source>Change %1
from: %2
to: %3

The edge will check the value and report what the device reads back.</source>
        <translation>Cambiar %1
de: %2
a: %3

El borde verificará el valor e informará lo que el equipo relee.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="36" />
        <source>This edge does not offer setpoint writes yet (select-before-operate is not in its API): nothing was sent.</source>
        <translation>Este borde aún no ofrece escritura de consignas (selección antes de operar no está en su API): no se envió nada.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="39" />
        <source>Refused at select: %1</source>
        <translation>Rechazado al seleccionar: %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="41" />
        <source>No link to the edge: nothing was sent.</source>
        <translation>Sin enlace con el borde: no se envió nada.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="46" />
        <source>Refused at operate: %1</source>
        <translation>Rechazado al operar: %1</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="48" />
        <source>Link lost during the write: check the read-back value before retrying.</source>
        <translation>Se perdió el enlace durante la escritura: verifique el valor releído antes de reintentar.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="50" />
        <source>Written; no read-back value yet (quality %1)</source>
        <translation>Escrito; aún sin valor releído (calidad %1)</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/setpoint.py" line="52" />
        <source>Written. Device reads back %1 %2</source>
        <translation>Escrito. El equipo relee %1 %2</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="99" />
        <source>Well</source>
        <translation>Pozo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="100" />
        <source>Trend these signals</source>
        <translation>Graficar estas señales</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="101" />
        <source>Active alarms of this well</source>
        <translation>Alarmas activas del pozo</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="102" />
        <source>Setpoints</source>
        <translation>Consignas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="151" />
        <source>Signal</source>
        <translation>Señal</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="151" />
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="151" />
        <source>Normal band</source>
        <translation>Banda normal</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="151" />
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="189" />
        <source>Write…</source>
        <translation>Escribir…</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="206" />
        <source>Your role may not change setpoints</source>
        <translation>Su rol no puede cambiar consignas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="208" />
        <source>Read only: your role may not change setpoints.</source>
        <translation>Solo lectura: su rol no puede cambiar consignas.</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="236" />
        <source>No active alarms</source>
        <translation>Sin alarmas activas</translation>
    </message>
    <message>
        <location filename="../../../hmi/_qt/well/view.py" line="263" />
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../../hmi/_qt/app.py" line="113" />
        <source>Your session ended. Type your password again; the screens stay as they are.</source>
        <translation>Su sesión terminó. Escriba de nuevo su contraseña; las pantallas quedan como están.</translation>
    </message>
</context>
</TS>