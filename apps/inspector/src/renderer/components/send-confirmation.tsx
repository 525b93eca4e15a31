/**
 * The question asked before a request leaves: where it goes, what it means, and two buttons. Nothing is sent
 * until the user says yes.
 *
 * @example
 * <SendConfirmation testId="history-confirm" destination={url} message={t('history.confirmResend')} yes={t('history.confirmResendYes')} no={t('send.confirmNo')} onYes={send} onNo={cancel} />
 */
export function SendConfirmation(props: {
  /** `data-testid` of the notice; its parts are `${prefix}-host`, `${prefix}-yes` and `${prefix}-no`. */
  testId: string;
  prefix: string;
  destination: string;
  message: string;
  yes: string;
  no: string;
  /** A WeChat Pay host: the yes button is drawn as dangerous. */
  production: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  return (
    <div className="notice warn row" style={{ marginTop: 8 }} data-testid={props.testId} data-production={props.production}>
      <code data-testid={`${props.prefix}-host`}>{props.destination}</code>
      <span className="grow">{props.message}</span>
      <button type="button" className={`btn small${props.production ? ' danger' : ' primary'}`} data-testid={`${props.prefix}-yes`} onClick={props.onYes}>
        {props.yes}
      </button>
      <button type="button" className="btn small" data-testid={`${props.prefix}-no`} onClick={props.onNo}>
        {props.no}
      </button>
    </div>
  );
}
